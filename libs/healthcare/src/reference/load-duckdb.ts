import { DuckDBDataChunk, DuckDBDateValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { ReferenceTable } from '../rules/rule';
import { epochDayOf } from '../rules/values/claim-date';
import { buildReferenceTables, type ReferenceTableData } from './reference-tables';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** DuckDB's vector size: the most rows one data chunk holds. */
const ROWS_PER_CHUNK = 2048;

/**
 * Creates `schema` and every reference table in it on a DuckDB connection (replacing earlier
 * copies) and returns the `ref` function a SqlRenderContext needs: fully qualified names
 * (catalog.schema.table), so the rules' SQL resolves them whatever the connection's current
 * catalog is later. Rows go in through the appender a data chunk (2048 rows) at a time, about
 * twice as fast as value by value: ~80 ms for all ~114,000 rows once the data is built.
 */
export async function loadReferenceTablesDuckDb(
  connection: DuckDBConnection,
  schema: string,
): Promise<(table: ReferenceTable) => string> {
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`reference schema must be a plain lower-case SQL name, got ${JSON.stringify(schema)}`);
  const catalog = String((await connection.runAndReadAll('SELECT current_database() AS catalog')).getRowObjects()[0]!['catalog']);
  const qualified = (table: string) => `${quote(catalog)}.${quote(schema)}.${quote(table)}`;
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(catalog)}.${quote(schema)}`);
  for (const data of buildReferenceTables()) {
    const columns = data.columns.map((column) => `${quote(column.name)} ${column.type} NOT NULL`).join(', ');
    await connection.run(`CREATE OR REPLACE TABLE ${qualified(data.table)} (${columns})`);
    const appender = await connection.createAppender(data.table, schema, catalog);
    try {
      appendChunks(appender, data);
    } finally {
      appender.closeSync();
    }
  }
  return qualified;
}

function appendChunks(appender: DuckDBAppender, data: ReferenceTableData): void {
  const types = data.columns.map((_, index) => appender.columnType(index));
  const toValue = data.columns.map((column) =>
    column.type === 'DATE' ? (text: string): DuckDBValue => new DuckDBDateValue(epochDayOf(text)) : (text: string): DuckDBValue => text,
  );
  // Stryker disable next-line EqualityOperator: equivalent, a last chunk of no rows appends nothing
  for (let start = 0; start < data.rows.length; start += ROWS_PER_CHUNK) {
    const rows = data.rows.slice(start, start + ROWS_PER_CHUNK);
    const chunk = DuckDBDataChunk.create(types, rows.length);
    chunk.setColumns(toValue.map((convert, index) => rows.map((row) => convert(row[index]!))));
    appender.appendDataChunk(chunk);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
