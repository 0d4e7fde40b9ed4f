import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName } from '@ade/contracts';
import type { BronzeIngestRequest, ColumnPlan } from '../lakehouse.port';
import { assertPlanFitsFile, assertPlanTargetsExist } from '../landing/column-plan';
import { assertPlanIsCurrent } from '../landing/registered-schema';
import { latestRegisteredSchema } from './schema-history';
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
  assertPlanIsCurrent(plan, latestVersion, table, file.displayPath);
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
  assertPlanTargetsExist(plan, tableColumns, table, file.displayPath);
}
