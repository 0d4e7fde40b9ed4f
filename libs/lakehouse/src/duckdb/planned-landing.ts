import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { BronzeIngestRequest, ColumnPlan } from '../lakehouse.port';
import { assertPlanFitsFile } from './column-plan';
import { latestRegisteredSchema } from './schema-history';
import { listColumnNames, unknownColumns } from './source-columns';
import {
  addBronzeColumnSql,
  createPlannedBronzeTableSql,
  insertPlannedBronzeSql,
  insertSchemaVersionSql,
  tableColumnsSql,
  tableExistsSql,
} from './sql';
import { selectRows } from './transaction';

export type PlannedIngestRequest = BronzeIngestRequest & { plan: ColumnPlan };

/**
 * The planned part of an ingest, run inside its transaction: columns added, rows landed by the
 * plan, and the plan's schema registered as a new version when it is new. Returns the row count.
 */
export async function landPlanned(connection: DuckDBConnection, request: PlannedIngestRequest, headers: string[], sourceSql: string): Promise<number> {
  const { plan, table, file } = request;
  const latest = await latestRegisteredSchema(connection, table);
  const latestVersion = latest?.version ?? 0;
  if (plan.basedOnVersion !== undefined && plan.basedOnVersion !== latestVersion) {
    throw new LakehouseError(
      'conflict',
      `the schema of ${formatTableName(table)} moved to version ${latestVersion} after the column plan for '${file.displayPath}' was made from version ${plan.basedOnVersion}; plan again`,
    );
  }
  // After the version check: a plan made from an old schema may not fit, and planning again fixes both.
  assertPlanFitsFile(plan, headers, file.displayPath);
  await prepareColumns(connection, request);
  const inserted = await connection.run(insertPlannedBronzeSql(table, sourceSql, plan, { sourceFile: file.displayPath, runId: request.runId }));
  if (latest?.fingerprint !== plan.schema.fingerprint) {
    await connection.run(
      insertSchemaVersionSql(table.catalog, {
        tableName: formatTableName(table),
        version: latestVersion + 1,
        fingerprint: plan.schema.fingerprint,
        columns: plan.schema.columns,
        runId: request.runId,
        sourceFile: file.displayPath,
      }),
    );
  }
  return inserted.rowsChanged;
}

/** A new table gets the plan's schema; an existing one the plan's added columns. Every landing column must then exist. */
async function prepareColumns(connection: DuckDBConnection, { plan, table, file }: PlannedIngestRequest): Promise<void> {
  const [exists] = await selectRows(connection, tableExistsSql(table));
  if (Number(exists?.['n'] ?? 0) === 0) {
    await connection.run(createPlannedBronzeTableSql(table, plan.schema.columns.map((column) => column.name)));
  }
  for (const { column } of plan.add) await connection.run(addBronzeColumnSql(table, column));
  const tableColumns = (await selectRows(connection, tableColumnsSql(table))).map((row) => String(row['column_name']));
  const missing = unknownColumns(
    plan.land.map((entry) => entry.column),
    tableColumns,
  );
  if (missing.length > 0) {
    throw new LakehouseError(
      'schema_mismatch',
      `the column plan for '${file.displayPath}' lands into columns ${formatTableName(table)} lacks and does not add: ${listColumnNames(missing)}`,
    );
  }
}
