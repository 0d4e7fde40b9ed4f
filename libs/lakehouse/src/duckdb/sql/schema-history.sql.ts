import { SYSTEM_SCHEMA } from './catalog.sql';
import { quoteIdentifier, sqlInteger, sqlString } from './literals';

export type { SchemaVersion } from '../../landing/system-records';
import type { SchemaVersion } from '../../landing/system-records';

function historyTable(catalogName: string): string {
  return `${quoteIdentifier(catalogName)}.${quoteIdentifier(SYSTEM_SCHEMA)}."schema_history"`;
}

/** The latest version only; `recorded_at` as epoch milliseconds so it reads back without time-zone parsing. */
export function latestSchemaVersionSql(catalogName: string, tableName: string): string {
  return `SELECT version, fingerprint, columns::VARCHAR AS columns, run_id, source_file, epoch_ms(recorded_at) AS recorded_at_ms
FROM ${historyTable(catalogName)}
WHERE table_name = ${sqlString(tableName)}
ORDER BY version DESC
LIMIT 1`;
}

export function insertSchemaVersionSql(catalogName: string, entry: SchemaVersion): string {
  const values = [
    sqlString(entry.tableName),
    sqlInteger(entry.version),
    sqlString(entry.fingerprint),
    `${sqlString(JSON.stringify(entry.columns.map(({ name, type }) => ({ name, type }))))}::JSON`,
    sqlString(entry.runId),
    sqlString(entry.sourceFile),
    'current_timestamp',
  ];
  return `INSERT INTO ${historyTable(catalogName)}
(table_name, version, fingerprint, columns, run_id, source_file, recorded_at)
VALUES (${values.join(', ')})`;
}
