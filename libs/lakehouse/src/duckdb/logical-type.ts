/** Unsigned and narrow storage types read as the signed or wider type that holds every value. */
const ALIASES: Readonly<Record<string, string>> = {
  UTINYINT: 'SMALLINT',
  USMALLINT: 'INTEGER',
  UINTEGER: 'BIGINT',
  UBIGINT: 'HUGEINT',
  FLOAT: 'DOUBLE',
  TIMESTAMP_S: 'TIMESTAMP',
  TIMESTAMP_MS: 'TIMESTAMP',
  TIMESTAMP_NS: 'TIMESTAMP',
};

const SCALAR = new Set([
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'DOUBLE',
  'DATE',
  'TIME',
  'TIME WITH TIME ZONE',
  'TIMESTAMP',
  'TIMESTAMP WITH TIME ZONE',
  'INTERVAL',
  'UUID',
  'BLOB',
  'VARCHAR',
]);

const DECIMAL = /^DECIMAL\(\d{1,2},\d{1,2}\)$/;

/**
 * The logical type registered for a column DuckDB typed as `engineType`. Anything that is not a
 * plain scalar becomes VARCHAR: nested values land as JSON text, a JSON key that only ever held
 * null says nothing, and an ENUM's type name would spell out the file's values.
 */
export function logicalType(engineType: string): string {
  const type = ALIASES[engineType] ?? engineType;
  return SCALAR.has(type) || DECIMAL.test(type) ? type : 'VARCHAR';
}
