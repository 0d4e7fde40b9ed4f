import { z } from 'zod';

/**
 * SQL identifiers we interpolate into catalog SQL. Kept to lower-case ASCII so that one rule is
 * safe in DuckDB and Databricks alike and no quoting games are ever needed.
 */
export const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export const sqlIdentifier = z
  .string()
  .regex(SQL_IDENTIFIER, 'must be lower-case letters, digits and underscores, starting with a letter or underscore (max 63)');

/**
 * Names an engine keeps for itself (DuckDB's own databases; `ATTACH ... AS memory` silently
 * succeeds and would write a tenant's data into a throw-away database), refused for catalogs.
 */
export const RESERVED_CATALOG_NAMES: readonly string[] = ['main', 'memory', 'system', 'temp'];

export const catalogName = sqlIdentifier.refine((name) => !RESERVED_CATALOG_NAMES.includes(name), 'is reserved by the engine (main, memory, system, temp)');

/** `catalog.schema.table`, as Unity Catalog names tables. */
export const THREE_PART_TABLE_NAME = /^([a-z_][a-z0-9_]{0,62})\.([a-z_][a-z0-9_]{0,62})\.([a-z_][a-z0-9_]{0,62})$/;

export interface TableRef {
  catalog: string;
  schema: string;
  table: string;
}

export function parseTableName(name: string): TableRef | null {
  const match = THREE_PART_TABLE_NAME.exec(name);
  if (!match) return null;
  return { catalog: match[1]!, schema: match[2]!, table: match[3]! };
}

export function formatTableName(ref: TableRef): string {
  return `${ref.catalog}.${ref.schema}.${ref.table}`;
}

/** A canonical (lower-case) UUID, as our ids are minted and stored. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
