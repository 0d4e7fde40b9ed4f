import { z } from 'zod';
import { DATA_TYPES, SOURCE_FORMATS } from './data-types';
import { catalogName, THREE_PART_TABLE_NAME } from './identifiers';
import { qualitySettingsSchema } from './expectations';
import { EXPORT_FORMATS, exportPath, exportTableName, exportWhere } from './exports';
import { jobEngine } from './engines';
import { acceptedMappingSchema } from './mappings';
import { pipelineOptionsSchema } from './pipeline-options';
import { releaseFilterSchema } from './quality';
import { sourcePath } from './source-path';
import { ContractViolation, describeIssues } from './violation';

/** The pipeline definition a job carries: what the worker needs to run it, nothing more. */
const pipelineDefinition = z
  .object({
    name: z.string().min(1).max(64),
    dataType: z.enum(DATA_TYPES),
    targetTable: z.string().regex(THREE_PART_TABLE_NAME),
    source: z
      .object({
        path: sourcePath,
        format: z.enum(SOURCE_FORMATS),
        options: pipelineOptionsSchema,
        /** The connector the files come from (a reference; the worker asks for its credentials), or absent for the landing zone. */
        connectorId: z.uuid().optional(),
      })
      .strict(),
    quality: qualitySettingsSchema.default({ expectations: [] }),
    /** The newest mapping a person accepted for the pipeline's files; absent until one is. */
    mapping: acceptedMappingSchema.optional(),
  })
  .strict();
export type PipelineDefinition = z.infer<typeof pipelineDefinition>;

/**
 * Jobs the control plane sends to data-plane workers. A payload carries ids and configuration,
 * never row data (PHI) and never credentials.
 */
export const jobSchemas = {
  'catalog.provision': z
    .object({
      tenantId: z.uuid(),
      catalogName,
      engine: jobEngine,
    })
    .strict(),
  /** Takes stock of the tenant's catalog (schemas, tables, rows, last writes, PHI columns) for `ade catalog health`. */
  'catalog.health': z
    .object({
      tenantId: z.uuid(),
      checkId: z.uuid(),
      catalogName,
      engine: jobEngine,
    })
    .strict(),
  /** Logs in with a connector's credentials and lists the files a run of its root would consider, for `ade connector test`. */
  'connector.check': z
    .object({
      tenantId: z.uuid(),
      checkId: z.uuid(),
      connectorId: z.uuid(),
    })
    .strict(),
  /** Writes a silver or gold table (or a quarantine table) to the tenant's own storage, with a manifest beside it. */
  'table.export': z
    .object({
      tenantId: z.uuid(),
      exportId: z.uuid(),
      catalogName,
      engine: jobEngine,
      table: exportTableName,
      connectorId: z.uuid(),
      path: exportPath,
      format: z.enum(EXPORT_FORMATS),
      where: exportWhere.nullable(),
    })
    .strict(),
  'pipeline.run': z
    .object({
      tenantId: z.uuid(),
      runId: z.uuid(),
      pipelineId: z.uuid(),
      catalogName,
      engine: jobEngine,
      pipeline: pipelineDefinition,
    })
    .strict(),
  /**
   * Re-evaluates a table's quarantined rows under the pipeline's current expectations and moves
   * the rows that now pass to silver; nothing is deleted.
   */
  'quality.release': z
    .object({
      tenantId: z.uuid(),
      releaseId: z.uuid(),
      pipelineId: z.uuid(),
      catalogName,
      engine: jobEngine,
      pipeline: pipelineDefinition,
      filter: releaseFilterSchema,
    })
    .strict(),
} as const;

export type JobName = keyof typeof jobSchemas;
export const JOB_NAMES = Object.keys(jobSchemas) as JobName[];
export type JobData<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;
export type JobOf<N extends JobName> = { name: N; data: JobData<N> };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];
/** A job as a producer writes it, before defaults (a catalog job's `engine`) are filled in. */
export type JobInputData<N extends JobName> = z.input<(typeof jobSchemas)[N]>;
export type JobInputOf<N extends JobName> = { name: N; data: JobInputData<N> };
export type AnyJobInput = { [N in JobName]: JobInputOf<N> }[JobName];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobSchemas, name);
}

/** Validates a job as it leaves the producer and again as the worker receives it. */
export function parseJob(name: string, data: unknown): AnyJob {
  if (!isJobName(name)) throw new ContractViolation(`unknown job name '${name}'`);
  const result = jobSchemas[name].safeParse(data);
  if (!result.success) {
    throw new ContractViolation(`invalid '${name}' job: ${describeIssues(result.error.issues)}`);
  }
  return { name, data: result.data } as AnyJob;
}
