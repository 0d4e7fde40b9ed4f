import { z } from 'zod';
import { catalogName, THREE_PART_TABLE_NAME } from './identifiers';
import { driftReportSchema } from './drift';
import { catalogHealthSchema } from './catalog-health';
import { CHECK_LISTING_LIMIT, listedFileSchema } from './connectors';
import { lineageEdgeSchema, qualityReportSchema, releasedByRuleSchema } from './quality';
import { mappingProposalSchema } from './mappings';
import { FAILURE_CLASSES, HEALING_ACTIONS, runFailureSchema } from './failures';
import { JOB_NAMES } from './jobs';
import { SEAL_REFUSALS } from './seals';
import { ContractViolation, describeIssues } from './violation';

/** A queue entry's id as a worker may repeat it: BullMQ's own ids and ours; anything else is not quoted. */
export const QUEUE_ENTRY_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** What workers report back to the control plane: ids, counts and failure codes only. */
const base = {
  tenantId: z.uuid(),
  at: z.iso.datetime(),
};

const runBase = {
  ...base,
  runId: z.uuid(),
  attempt: z.int().min(1),
};

const count = z.int().min(0);

/** SQL warehouse sizes as Databricks' system tables name them. */
export const WAREHOUSE_SIZES = ['2X_SMALL', 'X_SMALL', 'SMALL', 'MEDIUM', 'LARGE', 'X_LARGE', '2X_LARGE', '3X_LARGE', '4X_LARGE', '5X_LARGE'] as const;
const nodeType = z.string().regex(/^[\w.-]{1,64}$/);

/**
 * The Databricks compute a run ran on, as the workspace's system tables describe it
 * (system.compute.warehouses / system.compute.clusters): the facts its price is computed from.
 */
export const computeSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('warehouse'),
      type: z.enum(['CLASSIC', 'PRO', 'SERVERLESS']),
      size: z.enum(WAREHOUSE_SIZES),
      minClusters: z.int().min(1).max(40),
      autoStopMinutes: z.int().min(0).max(100_000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cluster'),
      workerNodeType: nodeType,
      driverNodeType: nodeType,
      workers: z.int().min(0).max(100_000),
      autoStopMinutes: z.int().min(0).max(100_000),
      spot: z.boolean(),
    })
    .strict(),
]);
export type ComputeSpec = z.infer<typeof computeSpecSchema>;

/**
 * What one run used, measured by the worker that ran it: the worker process's CPU time while the
 * run was in flight (`sharedWorker` when other jobs ran in the same process meanwhile, so part of
 * that CPU was theirs), bytes of source files read and of those skipped as already ingested, the
 * catalog storage the run added (null where the engine's storage is not the worker's to measure),
 * rows read from the sources and written to bronze, silver and quarantine.
 */
export const runResourcesSchema = z
  .object({
    engine: z.enum(['embedded', 'databricks']),
    cpuMs: count,
    sharedWorker: z.boolean(),
    bytesRead: count,
    bytesSkipped: count,
    bytesWritten: count.nullable(),
    rowsRead: count,
    rowsWritten: count,
    /** Databricks only: the compute's spec, when the workspace let the worker read it. */
    compute: computeSpecSchema.nullable().optional(),
  })
  .strict();
export type RunResources = z.infer<typeof runResourcesSchema>;

export const eventSchemas = {
  'run.started': z.object({ ...runBase }).strict(),
  'run.succeeded': z
    .object({
      ...runBase,
      bronzeTable: z.string().regex(THREE_PART_TABLE_NAME),
      counts: z
        .object({
          rowsLoaded: z.int().min(0),
          filesLoaded: z.int().min(0),
          filesSkipped: z.int().min(0),
          filesQuarantined: z.int().min(0),
        })
        .strict(),
      durationMs: z.int().min(0),
      /** What the run used, for cost tracking; absent from workers that predate it. */
      resources: runResourcesSchema.optional(),
    })
    .strict(),
  'run.failed': z
    .object({
      ...runBase,
      willRetry: z.boolean(),
      error: runFailureSchema,
    })
    .strict(),
  /** A file whose schema differs from the table's, and what the run did about it. */
  'schema.drift': z.object({ ...runBase, pipelineId: z.uuid(), report: driftReportSchema }).strict(),
  /**
   * A failure the healing policy handled: what failed, its class, and what was done. Whether it
   * was resolved without a human is settled by how the run ends.
   */
  'incident.recorded': z
    .object({
      ...runBase,
      pipelineId: z.uuid(),
      incidentId: z.uuid(),
      failureClass: z.enum(FAILURE_CLASSES),
      error: runFailureSchema,
      action: z.enum(HEALING_ACTIONS),
      /** The file concerned, as the pipeline names it, when the failure was about one file. */
      file: z.string().max(1024).nullable(),
    })
    .strict(),
  /** What the quality agent measured on the run's silver table (see QualityReport). */
  'quality.measured': z.object({ ...runBase, pipelineId: z.uuid(), report: qualityReportSchema }).strict(),
  /** The run stopped: its files' required columns need a person to confirm the proposed mapping. */
  'mapping.proposed': z.object({ ...runBase, pipelineId: z.uuid(), proposal: mappingProposalSchema }).strict(),
  /** Every write the run made, for lineage. */
  'lineage.recorded': z.object({ ...runBase, pipelineId: z.uuid(), edges: z.array(lineageEdgeSchema).max(10_000) }).strict(),
  'quarantine.released': z
    .object({
      ...base,
      releaseId: z.uuid(),
      pipelineId: z.uuid(),
      table: z.string().regex(THREE_PART_TABLE_NAME),
      examined: z.int().min(0),
      released: z.int().min(0),
      byRule: releasedByRuleSchema,
    })
    .strict(),
  'quarantine.release_failed': z.object({ ...base, releaseId: z.uuid(), error: runFailureSchema }).strict(),
  'catalog.provisioned': z.object({ ...base, catalogName }).strict(),
  'catalog.failed': z.object({ ...base, catalogName, error: runFailureSchema }).strict(),
  'catalog.health_reported': z.object({ ...base, checkId: z.uuid(), report: catalogHealthSchema }).strict(),
  'catalog.health_failed': z.object({ ...base, checkId: z.uuid(), error: runFailureSchema }).strict(),
  'connector.checked': z
    .object({
      ...base,
      checkId: z.uuid(),
      connectorId: z.uuid(),
      fileCount: z.number().int().nonnegative(),
      totalBytes: z.number().int().nonnegative(),
      /** The first CHECK_LISTING_LIMIT files by name. */
      files: z.array(listedFileSchema).max(CHECK_LISTING_LIMIT),
    })
    .strict(),
  /** Counts and the file's digest only: the rows stay in the tenant's storage. */
  'export.completed': z
    .object({
      ...base,
      exportId: z.uuid(),
      rowCount: z.number().int().nonnegative(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
  'export.failed': z.object({ ...base, exportId: z.uuid(), error: runFailureSchema }).strict(),
  'connector.check_failed': z.object({ ...base, checkId: z.uuid(), connectorId: z.uuid(), error: runFailureSchema }).strict(),
  /** A worker refused a job on the tenant's queue before reading it: no valid seal (see seals.ts). For the tenant's audit chain. */
  'job.refused': z
    .object({
      ...base,
      /** The queue entry's id when it is one a worker may repeat (QUEUE_ENTRY_ID), else null. */
      jobId: z.string().regex(QUEUE_ENTRY_ID).nullable(),
      /** The job's name when it is one of ours, else null: a forger's text is not repeated. */
      jobName: z.enum(JOB_NAMES).nullable(),
      reason: z.enum(SEAL_REFUSALS),
    })
    .strict(),
} as const;

export type EventName = keyof typeof eventSchemas;
export const EVENT_NAMES = Object.keys(eventSchemas) as EventName[];
export type EventData<N extends EventName> = z.infer<(typeof eventSchemas)[N]>;
export type EventOf<N extends EventName> = { name: N; data: EventData<N> };
export type AnyEvent = { [N in EventName]: EventOf<N> }[EventName];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(eventSchemas, name);
}

export function parseEvent(name: string, data: unknown): AnyEvent {
  if (!isEventName(name)) throw new ContractViolation(`unknown event name '${name}'`);
  const result = eventSchemas[name].safeParse(data);
  if (!result.success) {
    throw new ContractViolation(`invalid '${name}' event: ${describeIssues(result.error.issues)}`);
  }
  return { name, data: result.data } as AnyEvent;
}

/**
 * Deterministic id so an event re-sent after a worker crash is de-duplicated by the queue.
 * BullMQ rejects ':' in custom ids, hence the dots.
 */
export function eventJobId(event: AnyEvent): string {
  const data = event.data as { runId?: string; attempt?: number; tenantId: string; at: string; incidentId?: string };
  if (data.incidentId) return `${event.name}.${data.incidentId}`;
  if (event.name === 'job.refused') return `${event.name}.${data.tenantId}.${event.data.jobId ?? 'unnamed'}.${Date.parse(data.at)}`;
  if ('releaseId' in event.data) return `${event.name}.${event.data.releaseId}`;
  if ('checkId' in event.data) return `${event.name}.${event.data.checkId}`;
  if ('exportId' in event.data) return `${event.name}.${event.data.exportId}`;
  if (event.name === 'schema.drift') return `${event.name}.${data.runId}.${event.data.report.fingerprint}.${fileKey(event.data.report.file)}`;
  if (data.runId) return `${event.name}.${data.runId}.${data.attempt}`;
  return `${event.name}.${data.tenantId}.${data.at}`;
}

/** A short stable key for a file path inside a job id (ids may not contain ':'). */
function fileKey(file: string): string {
  let hash = 0;
  for (const char of file) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return (hash >>> 0).toString(16);
}
