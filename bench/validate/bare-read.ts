import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbSql } from '@ade/lakehouse';

/**
 * The floor a validation is compared with, as a process of its own: DuckDB reads the whole file
 * (every column as text, the validator's reader) into a table, under the same memory limit and
 * spill directory the validator gets. Usage: node dist/bench/validate/bare-read.js FILE MEMORY_LIMIT
 */
async function main(path: string, memoryLimit: string): Promise<void> {
  const spill = await mkdtemp(join(tmpdir(), 'ade-bench-bare-'));
  try {
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', memory_limit: memoryLimit, temp_directory: spill });
    const connection = await instance.connect();
    await connection.run(`CREATE TEMP TABLE src AS ${duckdbSql.readSourceSql(path, 'csv', {})}`);
    const rows = (await connection.runAndReadAll('SELECT count(*)::BIGINT AS n FROM src')).getRowObjectsJson()[0]!['n'];
    connection.closeSync();
    instance.closeSync();
    process.stdout.write(`${JSON.stringify({ rows: Number(rows) })}\n`);
  } finally {
    await rm(spill, { recursive: true, force: true });
  }
}

main(process.argv[2]!, process.argv[3] ?? '1GB').catch((error: unknown) => {
  process.stderr.write(`bare read failed: ${(error as Error).message}\n`);
  process.exit(1);
});
