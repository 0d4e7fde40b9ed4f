import type { DuckDBConnection } from '@duckdb/node-api';
import { formatTableName, type TableRef } from '@ade/contracts';
import type { RegisteredSchema } from '../lakehouse.port';
import { registeredSchemaFromRow } from '../landing/registered-schema';
import { latestSchemaVersionSql } from './sql';
import { selectRows } from './transaction';

/** The latest registered version of `table`, read on `connection` (inside its transaction, if one is open). */
export async function latestRegisteredSchema(connection: DuckDBConnection, table: TableRef): Promise<RegisteredSchema | null> {
  const [row] = await selectRows(connection, latestSchemaVersionSql(table.catalog, formatTableName(table)));
  return row ? registeredSchemaFromRow(row) : null;
}
