import type { CanonicalSchema } from '../../schemas/canonical-schema';
import type { X12ClaimRow } from '../x12-claim-batch';

export type ColumnValues = Record<string, string | null>;

const columnNames = new WeakMap<CanonicalSchema, ReadonlySet<string>>();

function namesOf(schema: CanonicalSchema): ReadonlySet<string> {
  let names = columnNames.get(schema);
  if (names === undefined) {
    names = new Set(schema.columns.map((column) => column.name));
    columnNames.set(schema, names);
  }
  return names;
}

/** How many `${prefix}N` columns the schema has (diagnosis_code_N, procedure_code_N ...). */
export function numberedColumnCount(schema: CanonicalSchema, prefix: string): number {
  const pattern = new RegExp(`^${prefix}[0-9]+$`);
  return schema.columns.filter((column) => pattern.test(column.name)).length;
}

/**
 * Every column of the schema in schema order, null where the 837 has no value, so each row of a
 * batch has the same keys (the CSV layout). A mapped key the schema lacks is a bug in this module,
 * not in the data, hence a plain Error naming the column.
 */
export function canonicalRow(schema: CanonicalSchema, values: ColumnValues): X12ClaimRow {
  const names = namesOf(schema);
  for (const key of Object.keys(values)) {
    if (!names.has(key)) throw new Error(`X12 mapping writes ${key}, which is not a column of ${schema.table}`);
  }
  const row: X12ClaimRow = {};
  for (const column of schema.columns) row[column.name] = values[column.name] ?? null;
  return row;
}
