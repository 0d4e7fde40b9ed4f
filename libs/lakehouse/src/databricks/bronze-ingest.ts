import { formatTableName } from '@ade/contracts';
import { assertBronzeTarget } from '../landing/table-ref';
import { LakehouseError } from '../errors';
import type { BronzeIngestRequest, BronzeIngestResult, ColumnPlan } from '../lakehouse.port';
import { assertPlanFitsFile, assertPlanTargetsExist } from '../landing/column-plan';
import { assertPlanIsCurrent } from '../landing/registered-schema';
import { withConflictRetry } from '../landing/conflict-retry';
import { listColumnNames, unknownColumns } from '../landing/source-columns';
import { assertReadableSource } from '../landing/source-file-check';
import { catalogFailure } from './driver-error';
import { latestRegisteredSchema } from './schema-history';
import { describeSource } from './source-reader';
import {
  addBronzeColumnsSql,
  createBronzeTableSql,
  findCheckpointSql,
  insertBronzeByNameSql,
  insertPlannedBronzeSql,
  mergeCheckpointSql,
  mergeSchemaVersionSql,
  removeBatchSql,
  removeUncheckpointedRowsSql,
  tableColumnsSql,
  versionOwnerSql,
  type BronzeBatch,
} from './spark-sql';
import { withStagedFile } from './staged-file';
import { tableExists } from './table-exists';
import type { StatementRunner } from './statement-runner';

export interface IngestSettings {
  catalogName: string;
  /** Rows of an uncheckpointed ingest older than this were left by a writer that is gone. */
  abandonedAfterSeconds: number;
  now(): Date;
}

/**
 * Lands one file in a bronze table. Delta commits one statement at a time, so the rows and the
 * checkpoint are two commits, made safe by order: rows an earlier attempt left without a
 * checkpoint are removed first, the rows land marked with this ingest's run and timestamp, and
 * the checkpoint MERGE decides which of two racing ingests of one delivery counts; the other
 * removes its own rows again. Between the two commits the rows are visible under this run's id;
 * a crash there leaves them to the next ingest of the file, which removes them first.
 */
export async function ingestBronze(runner: StatementRunner, settings: IngestSettings, request: BronzeIngestRequest): Promise<BronzeIngestResult> {
  assertBronzeTarget(request.table, settings.catalogName);
  await assertReadableSource(request.file);
  const key = { pipelineId: request.pipelineId, sourceFile: request.file.displayPath, contentHash: request.file.contentHash };
  const failure = (error: unknown) =>
    catalogFailure(error, `ingesting '${request.file.displayPath}' into ${formatTableName(request.table)}`, { ...request.file, format: request.format });
  try {
    const landed = await findCheckpoint(runner, key);
    if (landed) return { outcome: 'already_ingested', ...landed };
    return await withStagedFile(runner, settings.catalogName, request.file.path, (volumePath) =>
      // Classified inside each attempt, so a Delta conflict is retried like any other conflict.
      withConflictRetry(3, () => ingestStaged(runner, settings, request, volumePath).catch((error: unknown) => Promise.reject(failure(error)))),
    );
  } catch (error) {
    throw failure(error);
  }
}

async function findCheckpoint(runner: StatementRunner, key: Parameters<typeof findCheckpointSql>[0]): Promise<{ rows: number; byRunId: string } | null> {
  const row = await runner.first(findCheckpointSql(key));
  return row ? { rows: Number(row['row_count']), byRunId: String(row['run_id']) } : null;
}

async function ingestStaged(runner: StatementRunner, settings: IngestSettings, request: BronzeIngestRequest, volumePath: string): Promise<BronzeIngestResult> {
  const { table, file } = request;
  const qualifiedName = formatTableName(table);
  const source = await describeSource(runner, volumePath, { ...request, path: volumePath, displayPath: file.displayPath });
  const headers = source.columns.map((column) => column.name);
  const batch: BronzeBatch = { sourceFile: file.displayPath, runId: request.runId, ingestedAt: settings.now() };

  const plan = request.plan;
  const schemaVersion = plan ? await prepareForPlan(runner, request, plan, headers) : await prepareByName(runner, request, headers);
  await runner.rows(removeUncheckpointedRowsSql(table, qualifiedName, batch, settings.abandonedAfterSeconds));
  const inserted = await runner.first(plan ? insertPlannedBronzeSql(table, source.rawSql, plan, batch) : insertBronzeByNameSql(table, source.rawSql, batch));
  const rows = Number(inserted?.['num_inserted_rows'] ?? inserted?.['num_affected_rows'] ?? 0);

  if (plan && schemaVersion !== null) {
    const entry = { tableName: qualifiedName, version: schemaVersion, fingerprint: plan.schema.fingerprint, columns: plan.schema.columns, runId: request.runId, sourceFile: file.displayPath };
    await runner.rows(mergeSchemaVersionSql(entry));
    const owner = await runner.first(versionOwnerSql(qualifiedName, schemaVersion));
    if (owner?.['run_id'] !== request.runId || owner['fingerprint'] !== plan.schema.fingerprint) {
      await runner.rows(removeBatchSql(table, batch));
      throw new LakehouseError('conflict', `another run registered version ${schemaVersion} of ${qualifiedName} while '${file.displayPath}' was ingested; plan again`, { retryable: false });
    }
  }

  const checkpoint = { pipelineId: request.pipelineId, sourceFile: file.displayPath, contentHash: file.contentHash };
  await runner.rows(
    mergeCheckpointSql({ ...checkpoint, fileSize: file.sizeBytes, fileModifiedAt: file.modifiedAt, targetTable: qualifiedName, runId: request.runId, rowCount: rows }),
  );
  const winner = await findCheckpoint(runner, checkpoint);
  if (winner && (winner.byRunId !== request.runId || winner.rows !== rows)) {
    await runner.rows(removeBatchSql(table, batch));
    return { outcome: 'already_ingested', ...winner };
  }
  return { outcome: 'loaded', rows };
}

async function tableColumns(runner: StatementRunner, request: BronzeIngestRequest): Promise<string[] | null> {
  if (!(await tableExists(runner, request.table))) return null;
  return (await runner.rows(tableColumnsSql(request.table))).map((row) => String(row['column_name']));
}

/** Without a plan: the table takes the first file's columns, and later files land BY NAME into them. */
async function prepareByName(runner: StatementRunner, request: BronzeIngestRequest, headers: string[]): Promise<null> {
  const columns = await tableColumns(runner, request);
  if (columns === null) {
    await runner.rows(createBronzeTableSql(request.table, headers));
    return null;
  }
  const unknown = unknownColumns(headers, columns);
  if (unknown.length > 0) {
    throw new LakehouseError('schema_mismatch', `source file '${request.file.displayPath}' has columns that ${formatTableName(request.table)} lacks: ${listColumnNames(unknown)}`);
  }
  return null;
}

/**
 * With a plan: the version check, the plan check, then the plan's table or added columns. Returns
 * the schema version to register, or null when the plan's schema is the latest already.
 */
async function prepareForPlan(runner: StatementRunner, request: BronzeIngestRequest, plan: ColumnPlan, headers: string[]): Promise<number | null> {
  const { table, file } = request;
  const latest = await latestRegisteredSchema(runner, table);
  const latestVersion = latest?.version ?? 0;
  assertPlanIsCurrent(plan, latestVersion, table, file.displayPath);
  assertPlanFitsFile(plan, headers, file.displayPath);
  let columns = await tableColumns(runner, request);
  if (columns === null) {
    await runner.rows(createBronzeTableSql(table, plan.schema.columns.map((column) => column.name)));
    columns = await tableColumns(runner, request) ?? [];
  }
  const toAdd = unknownColumns(
    plan.add.map((entry) => entry.column),
    columns,
  );
  if (toAdd.length > 0) {
    await runner.rows(addBronzeColumnsSql(table, toAdd));
    columns = [...columns, ...toAdd];
  }
  assertPlanTargetsExist(plan, columns, table, file.displayPath);
  return latest?.fingerprint === plan.schema.fingerprint ? null : latestVersion + 1;
}
