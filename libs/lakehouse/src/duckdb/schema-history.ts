import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { formatTableName, schemaColumnSchema, type TableRef } from '@ade/contracts';
import type { RegisteredSchema } from '../lakehouse.port';
import { latestSchemaVersionSql } from './sql';
import { selectRows } from './transaction';

const storedColumns = z.array(schemaColumnSchema);

/** The latest registered version of `table`, read on `connection` (inside its transaction, if one is open). */
export async function latestRegisteredSchema(connection: DuckDBConnection, table: TableRef): Promise<RegisteredSchema | null> {
  const [row] = await selectRows(connection, latestSchemaVersionSql(table.catalog, formatTableName(table)));
  if (!row) return null;
  return {
    version: Number(row['version']),
    fingerprint: String(row['fingerprint']),
    // Parsed, not trusted: the column is only JSON to the engine, and callers rely on its shape.
    columns: storedColumns.parse(JSON.parse(String(row['columns']))),
    runId: String(row['run_id']),
    sourceFile: String(row['source_file']),
    recordedAt: new Date(Number(row['recorded_at_ms'])),
  };
}
