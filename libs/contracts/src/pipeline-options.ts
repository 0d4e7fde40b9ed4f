import { z } from 'zod';

/**
 * What a run does when a file's columns differ from the table's registered schema, named as in
 * Databricks Auto Loader (cloudFiles.schemaEvolutionMode). Values that do not fit a column's
 * registered type always go to `_rescued_data`. New columns are added (addNewColumns), rescued
 * (rescue), refused with the file (failOnNewColumns) or, in `none`, deliberately dropped and
 * reported in the drift report.
 */
export const SCHEMA_EVOLUTION_MODES = ['addNewColumns', 'rescue', 'failOnNewColumns', 'none'] as const;
export type SchemaEvolutionMode = (typeof SCHEMA_EVOLUTION_MODES)[number];
export const DEFAULT_SCHEMA_EVOLUTION: SchemaEvolutionMode = 'addNewColumns';

/** Per-pipeline reader options. Config only: nothing here may ever hold row data. */
export const pipelineOptionsSchema = z
  .object({
    delimiter: z.string().length(1, 'must be a single character').optional(),
    quote: z.string().length(1, 'must be a single character').optional(),
    header: z.boolean().optional(),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter upper-case state code')
      .optional(),
    schemaEvolution: z.enum(SCHEMA_EVOLUTION_MODES).optional(),
  })
  .strict();

export type PipelineOptions = z.infer<typeof pipelineOptionsSchema>;
