import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { BronzeIngestRequest, BronzeIngestResult } from '../lakehouse.port';
import { withConflictRetry } from '../landing/conflict-retry';
import { ingestFailure, type IngestPhase } from './ingest-failure';
import { landPlanned } from './planned-landing';
import { assertReadableSource } from '../landing/source-file-check';
import { assertSourceColumns, listColumnNames, unknownColumns } from '../landing/source-columns';
import {
  createBronzeTableSql,
  describeSourceSql,
  findCheckpointSql,
  insertBronzeSql,
  insertCheckpointSql,
  readSourceSql,
  tableColumnsSql,
  tableExistsSql,
} from './sql';
import { assertBronzeTarget } from '../landing/table-ref';
import { begin, commit, rollbackQuietly, selectRows } from './transaction';

/** What an ingest has written, uncommitted, when it reaches its COMMIT. */
export interface UncommittedIngest {
  runId: string;
  /** `<catalog>.<schema>.<table>` */
  table: string;
  rows: number;
}

/**
 * Test seam (see DuckDbLakehouseOptions.beforeIngestCommit): awaited inside the transaction
 * after the rows and the checkpoint are written, right before COMMIT.
 */
export type BeforeIngestCommit = (ingest: UncommittedIngest) => Promise<void>;

/**
 * Lands one file in a bronze table: checkpoint lookup, table creation (or the plan's added
 * columns), rows, the plan's schema version and the checkpoint in one transaction, so a failure
 * leaves nothing behind and a repeated delivery lands nothing twice.
 */
export async function ingestBronze(
  connection: DuckDBConnection,
  catalogName: string,
  request: BronzeIngestRequest,
  beforeCommit?: BeforeIngestCommit,
): Promise<BronzeIngestResult> {
  assertBronzeTarget(request.table, catalogName);
  await assertReadableSource(request.file);
  // A lost race is retried: the next attempt finds the winner's checkpoint (same delivery) or
  // the table it created (another file) and ends cleanly.
  return withConflictRetry(3, () => ingestOnce(connection, request, beforeCommit));
}

async function ingestOnce(connection: DuckDBConnection, request: BronzeIngestRequest, beforeCommit?: BeforeIngestCommit): Promise<BronzeIngestResult> {
  const { catalog } = request.table;
  const sourceSql = readSourceSql(request.file.path, request.format, request.options);
  const key = { pipelineId: request.pipelineId, sourceFile: request.file.displayPath, contentHash: request.file.contentHash };
  try {
    await begin(connection);
  } catch (error) {
    throw ingestFailure(error, 'write', request);
  }
  let phase: IngestPhase = 'write';
  try {
    const [landed] = await selectRows(connection, findCheckpointSql(catalog, key));
    if (landed) {
      await rollbackQuietly(connection);
      return { outcome: 'already_ingested', rows: Number(landed['row_count']), byRunId: String(landed['run_id']) };
    }

    phase = 'read';
    const columns = (await selectRows(connection, describeSourceSql(sourceSql))).map((row) => String(row['column_name']));
    phase = 'write';
    assertSourceColumns(columns, { ...request, displayPath: key.sourceFile });
    const rows = request.plan
      ? await landPlanned(connection, { ...request, plan: request.plan }, columns, sourceSql)
      : await landByName(connection, request, columns, sourceSql);
    await connection.run(
      insertCheckpointSql(catalog, {
        ...key,
        fileSize: request.file.sizeBytes,
        fileModifiedAt: request.file.modifiedAt,
        targetTable: formatTableName(request.table),
        runId: request.runId,
        rowCount: rows,
      }),
    );
    await beforeCommit?.({ runId: request.runId, table: formatTableName(request.table), rows });
    await commit(connection);
    return { outcome: 'loaded', rows };
  } catch (error) {
    await rollbackQuietly(connection);
    throw ingestFailure(error, phase, request);
  }
}

/** Without a plan: the table takes the first file's columns, and later files land BY NAME into them. */
async function landByName(connection: DuckDBConnection, request: BronzeIngestRequest, columns: string[], sourceSql: string): Promise<number> {
  await prepareTable(connection, request, columns, sourceSql);
  const inserted = await connection.run(insertBronzeSql(request.table, sourceSql, { sourceFile: request.file.displayPath, runId: request.runId }));
  return inserted.rowsChanged;
}

async function prepareTable(connection: DuckDBConnection, request: BronzeIngestRequest, columns: string[], sourceSql: string): Promise<void> {
  const [exists] = await selectRows(connection, tableExistsSql(request.table));
  if (Number(exists?.['n'] ?? 0) === 0) {
    await connection.run(createBronzeTableSql(request.table, sourceSql));
    return;
  }
  const tableColumns = (await selectRows(connection, tableColumnsSql(request.table))).map((row) => String(row['column_name']));
  const unknown = unknownColumns(columns, tableColumns);
  if (unknown.length > 0) {
    throw new LakehouseError(
      'schema_mismatch',
      `source file '${request.file.displayPath}' has columns that ${formatTableName(request.table)} lacks: ${listColumnNames(unknown)}`,
    );
  }
}
