import { ContractViolation, formatTableName, type TableRef } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { ColumnPlan } from '../lakehouse.port';
import { schemaFingerprint } from '../schema-fingerprint';
import { listColumnNames, reservedColumns, unknownColumns } from './source-columns';
import { assertLogicalTypeName } from './bronze-columns';

/** `_rescued_data` keeps the file's path under this key, so a rescued header cannot use it. */
export const RESCUED_FILE_PATH_KEY = '_file_path';

const fold = (name: string) => name.toLowerCase();

/**
 * Refuses a plan that does not account for exactly this file's headers, or whose schema is not
 * self-consistent, before anything is written. A plan made for another file (or from a file that
 * changed since it was inferred) would otherwise drop or misplace columns without a word.
 */
export function assertPlanFitsFile(plan: ColumnPlan, headers: readonly string[], displayPath: string): void {
  const file = `'${displayPath}'`;
  const fail = (reason: string, names: readonly string[]) => {
    throw new ContractViolation(`column plan for ${file} ${reason}: ${listColumnNames(names)}`);
  };

  const planned = [...plan.land.map((entry) => entry.source), ...plan.rescue, ...plan.ignore];
  const unplanned = headers.filter((header) => !planned.includes(header));
  if (unplanned.length > 0) fail('leaves file columns unplanned', unplanned);
  const stranger = planned.filter((header) => !headers.includes(header));
  if (stranger.length > 0) fail('names columns the file lacks', stranger);
  const twice = planned.filter((header, i) => planned.indexOf(header) !== i);
  if (twice.length > 0) fail('plans file columns twice', twice);
  if (plan.rescue.includes(RESCUED_FILE_PATH_KEY)) fail(`rescues a column named like the rescued-data key`, [RESCUED_FILE_PATH_KEY]);

  const schemaNames = plan.schema.columns.map((column) => column.name);
  const known = new Set(schemaNames.map(fold));
  if (known.size !== schemaNames.length) fail('has schema columns that differ only in case', schemaNames);
  const reserved = reservedColumns(schemaNames);
  if (reserved.length > 0) fail('has schema columns reserved for ingest metadata', reserved);
  const outside = [...plan.land.map((entry) => entry.column), ...plan.add.map((entry) => entry.column)].filter((name) => !known.has(fold(name)));
  if (outside.length > 0) fail('lands or adds columns outside its schema', outside);
  const targets = plan.land.map((entry) => fold(entry.column));
  const shared = plan.land.filter((entry, i) => targets.indexOf(fold(entry.column)) !== i).map((entry) => entry.column);
  if (shared.length > 0) fail('lands two file columns into one column', shared);

  for (const { type } of [...plan.land, ...plan.schema.columns]) assertLogicalTypeName(type);
  if (schemaFingerprint(plan.schema.columns) !== plan.schema.fingerprint) {
    throw new ContractViolation(`column plan for ${file} has a fingerprint that does not match its schema`);
  }
}

/** Once the table is prepared (created, columns added): every column the plan lands into must exist. */
export function assertPlanTargetsExist(plan: ColumnPlan, tableColumns: readonly string[], table: TableRef, displayPath: string): void {
  const missing = unknownColumns(
    plan.land.map((entry) => entry.column),
    tableColumns,
  );
  if (missing.length > 0) {
    throw new LakehouseError(
      'schema_mismatch',
      `the column plan for '${displayPath}' lands into columns ${formatTableName(table)} lacks and does not add: ${listColumnNames(missing)}`,
    );
  }
}
