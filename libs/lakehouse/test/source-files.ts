import { createHash, randomUUID } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { TableRef } from '@ade/contracts';
import type { BronzeIngestRequest, CatalogLocator, SourceFile } from '@ade/lakehouse';

/** Source files and requests for catalog tests, whichever engine is under test. */

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
