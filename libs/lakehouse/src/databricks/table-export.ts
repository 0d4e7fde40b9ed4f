import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { formatTableName } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { TableExportRequest, TableExportResult } from '../lakehouse.port';
import { vettedExportCondition } from '../landing/export-filter';
import {
  countSnapshotSql,
  currentVersionSql,
  describeTableSql,
  landingPath,
  listVolumeSql,
  quoteColumnName,
  sqlString,
  writeSnapshotSql,
} from './spark-sql';
import type { StatementRunner } from './statement-runner';
import { tableExists } from './table-exists';

/** Data files Spark writes into an output folder; the rest (_SUCCESS, _committed_*, _started_*) are its bookkeeping. */
const DATA_FILE = /^part-[^/]+\.(parquet|csv)(\.[a-z0-9]+)?$/;

/**
 * Writes one Delta snapshot of the table to a local file: the warehouse writes it into a landing
 * volume folder as a single file, the driver's staging GET downloads it, and the folder is
 * removed however the export ends. Rows never pass through this process's heap.
 */
export async function exportTable(runner: StatementRunner, catalogName: string, { table, where, format, target }: TableExportRequest): Promise<TableExportResult> {
  if (!(await tableExists(runner, table))) throw new LakehouseError('source_not_found', `table ${formatTableName(table)} does not exist`);
  const columns = describedColumns(await runner.rows(describeTableSql(table)));
  const condition = where === null ? null : vettedExportCondition(where, columns.map((column) => column.name), table, quoteColumnName, 'databricks');
  const version = Number((await runner.first(currentVersionSql(table)))?.['version'] ?? 0);
  const rows = Number((await runner.first(countSnapshotSql(table, version, condition)))?.['n'] ?? 0);

  const folder = landingPath(catalogName, `export-${randomUUID()}`, 'out');
  const staging = { stagingAllowedLocalPath: dirname(target) };
  try {
    await runner.rows(writeSnapshotSql(table, version, condition, format, folder, columns.map((column) => column.name)));
    const dataFiles = (await listFolder(runner, folder)).filter((name) => DATA_FILE.test(name));
    if (dataFiles.length !== 1) {
      throw new LakehouseError('catalog_unavailable', `exporting ${formatTableName(table)} wrote ${dataFiles.length} data files instead of one; nothing was exported`);
    }
    await runner.rows(`GET ${sqlString(`${folder}/${dataFiles[0]}`)} TO ${sqlString(target)}`, staging);
  } finally {
    // Best effort: a folder left behind holds no more than the export did, inside the tenant's own catalog.
    for (const name of await listFolder(runner, folder).catch(() => [])) {
      await runner.rows(`REMOVE ${sqlString(`${folder}/${name}`)}`, staging).catch(() => undefined);
    }
  }
  return { rows, columns };
}

async function listFolder(runner: StatementRunner, folder: string): Promise<string[]> {
  return (await runner.rows(listVolumeSql(folder))).map((row) => String(row['name']));
}

/** DESCRIBE TABLE lists the columns, then (after an empty or '#' row) partitioning and details. */
function describedColumns(rows: ReadonlyArray<Record<string, unknown>>): Array<{ name: string; type: string }> {
  const end = rows.findIndex((row) => String(row['col_name'] ?? '') === '' || String(row['col_name']).startsWith('#'));
  return rows.slice(0, end === -1 ? rows.length : end).map((row) => ({ name: String(row['col_name']), type: String(row['data_type']) }));
}
