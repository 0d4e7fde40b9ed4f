import { InitialSchema1764400000000 } from './1764400000000-initial-schema';

/** Listed explicitly (not globbed) so the same list works from sources, tests and the build. */
export const migrations = [InitialSchema1764400000000];
