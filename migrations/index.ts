import { InitialSchema1764400000000 } from './1764400000000-initial-schema';
import { IncidentsAndSchemaDrift1764500000000 } from './1764500000000-incidents-and-schema-drift';
import { PipelineQualitySettings1764600000000 } from './1764600000000-pipeline-quality-settings';

/** Listed explicitly (not globbed) so the same list works from sources, tests and the build. */
export const migrations = [InitialSchema1764400000000, IncidentsAndSchemaDrift1764500000000, PipelineQualitySettings1764600000000];
