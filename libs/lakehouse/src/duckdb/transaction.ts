import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row } from '../lakehouse.port';
import { beginSql, commitSql, rollbackSql } from './sql';

export async function selectRows(connection: DuckDBConnection, sql: string): Promise<Row[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

export async function begin(connection: DuckDBConnection): Promise<void> {
  await connection.run(beginSql());
}

export async function commit(connection: DuckDBConnection): Promise<void> {
  await connection.run(commitSql());
}

/** Best effort: after a failed COMMIT DuckDB has already ended the transaction. */
export async function rollbackQuietly(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run(rollbackSql());
  } catch {
    // nothing left to roll back
  }
}
