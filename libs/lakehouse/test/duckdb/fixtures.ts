import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TableRef } from '@ade/contracts';
import { makeTempDir } from '@ade/testing';
import { DuckDbLakehouse, type BronzeIngestRequest, type CatalogLocator, type SourceFile } from '@ade/lakehouse';

export const CATALOG = 'healthcare_data';
export const CLAIMS: TableRef = { catalog: CATALOG, schema: 'bronze', table: 'claims' };
export const CLAIM_HEADER = ['claim_id', 'member_name', 'billing_npi', 'paid_amount'];

export function locatorFor(tenantId: string = randomUUID()): CatalogLocator {
  return { tenantId, catalogName: CATALOG };
}

/** Synthetic claim lines; names are invented, the shape is what matters. */
export function claimRows(count: number, firstId = 1): string[][] {
  return Array.from({ length: count }, (_, i) => {
    const id = firstId + i;
    return [`C${String(id).padStart(6, '0')}`, `Member ${id}`, '1234567893', `${(id % 500) + 0.5}`];
  });
}

/** Fields are quoted when they need it, as a well-behaved exporter would. */
export function csv(header: string[], rows: string[][], delimiter = ','): string {
  const field = (value: string) => (/["\n\r]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value);
  return [header, ...rows].map((row) => row.map(field).join(delimiter)).join('\n') + '\n';
}

/** Writes a file into the landing zone and describes it the way file discovery would. */
export async function landFile(dir: string, displayPath: string, content: string | Buffer): Promise<SourceFile> {
  const path = join(dir, 'landing', displayPath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return describeFile(path, displayPath, content);
}

export async function describeFile(path: string, displayPath: string, content: string | Buffer): Promise<SourceFile> {
  const stats = await stat(path);
  return {
    path,
    displayPath,
    sizeBytes: stats.size,
    modifiedAt: stats.mtime,
    contentHash: createHash('sha256').update(content).digest('hex'),
  };
}

export function bronzeRequest(file: SourceFile, overrides: Partial<BronzeIngestRequest> = {}): BronzeIngestRequest {
  return {
    pipelineId: 'a1f0c6d2-5b7e-4c8f-9d0a-1b2c3d4e5f60',
    runId: randomUUID(),
    file,
    format: 'csv',
    options: {},
    table: CLAIMS,
    ...overrides,
  };
}

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
