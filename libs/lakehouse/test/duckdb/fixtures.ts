import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { makeTempDir } from '@ade/testing';
import { DuckDbLakehouse } from '@ade/lakehouse';

export * from '../source-files';

export interface LakehouseFixture {
  dir: string;
  lakehouse: DuckDbLakehouse;
  cleanup(): Promise<void>;
}

/** A lakehouse over a private temp dir; cleanup shuts it down before removing the files. */
export async function lakehouseFixture(label: string): Promise<LakehouseFixture> {
  const temp = await makeTempDir(label);
  const lakehouse = new DuckDbLakehouse({ dataDir: join(temp.path, 'data'), threads: 2, memoryLimit: '512MB' });
  return {
    dir: temp.path,
    lakehouse,
    cleanup: async () => {
      await lakehouse.shutdown();
      await temp.cleanup();
    },
  };
}

const duckdbModule = createRequire(__filename).resolve('@duckdb/node-api');

const HOLDER_SCRIPT = `
const { DuckDBInstance } = require(process.argv[1]);
(async () => {
  const instance = await DuckDBInstance.create(process.argv[2]);
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(process.argv[3]);
  process.stdout.write(JSON.stringify(reader.getRowObjectsJson()) + '\\n');
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
})().catch((error) => { process.stderr.write(String(error.message)); process.exit(1); });
`;

export interface FileHolder {
  rows: Record<string, unknown>[];
  release(): Promise<void>;
}

/**
 * Opens a catalog file in ANOTHER process (DuckDB file locks are per process) and keeps it open
 * until released. Resolves with the rows of `sql`, or rejects if the file could not be opened.
 */
export function holdFileInOtherProcess(filePath: string, sql = 'SELECT 1 AS ok'): Promise<FileHolder> {
  const child = spawn(process.execPath, ['-e', HOLDER_SCRIPT, duckdbModule, filePath, sql], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.endsWith('\n')) return;
      resolve({
        rows: JSON.parse(stdout) as Record<string, unknown>[],
        release: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${stderr}`)));
  });
}
