import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlSession, TenantCatalog } from '@ade/lakehouse';
import { buildReferenceTables, type ReferenceTable, type ReferenceTableData } from '@ade/healthcare';

/** What the quality stage needs of a catalog: its SQL, and the reference tables the rules join. */
export type QualitySession = SqlSession & Pick<TenantCatalog, 'referenceTable'>;

/**
 * Makes the healthcare reference tables the rules join (ICD-10-CM calendar, HCPCS, NUCC ...)
 * readable by a catalog session, through the catalog port: temp tables of the session on the
 * embedded engine, Delta tables of the catalog on Databricks. Each table is written once per
 * process to a CSV in a cache directory (named by a hash of its content, so a new code set never
 * reuses an old file or table) and loaded from there: ~114,000 rows in well under a second.
 */
export async function loadReferenceTables(catalog: Pick<TenantCatalog, 'referenceTable'>, cacheDir: string): Promise<(table: ReferenceTable) => string> {
  const names = new Map<ReferenceTable, string>();
  for (const { data, path, hash } of await referenceFiles(cacheDir)) {
    names.set(data.table, await catalog.referenceTable({ name: data.table, contentHash: hash, path, columns: data.columns }));
  }
  return (table) => {
    const name = names.get(table);
    if (name === undefined) throw new RangeError(`no reference table ${table} was loaded`);
    return name;
  };
}

interface ReferenceFile {
  data: ReferenceTableData;
  path: string;
  /** SHA-256 of the file's text, hex (16 digits). */
  hash: string;
}

let written: Promise<ReferenceFile[]> | undefined;
let writtenTo: string | undefined;

function referenceFiles(cacheDir: string): Promise<ReferenceFile[]> {
  if (!written || writtenTo !== cacheDir) {
    writtenTo = cacheDir;
    written = writeReferenceFiles(cacheDir).catch((error: unknown) => {
      written = undefined;
      throw error;
    });
  }
  return written;
}

async function writeReferenceFiles(cacheDir: string): Promise<ReferenceFile[]> {
  await mkdir(cacheDir, { recursive: true });
  const files: ReferenceFile[] = [];
  for (const data of buildReferenceTables()) {
    const text = [data.columns.map((column) => column.name).join(','), ...data.rows.map((row) => row.map(csvField).join(','))].join('\n') + '\n';
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
    const path = join(cacheDir, `${data.table}.${hash}.csv`);
    if (!(await stat(path).catch(() => null))) {
      // Written aside and renamed, so a concurrent worker never reads half a file.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, text);
      await rename(partial, path);
    }
    files.push({ data, path, hash });
  }
  return files;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
