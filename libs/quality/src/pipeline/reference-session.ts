import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { duckdbSql, type SqlSession } from '@ade/lakehouse';
import { buildReferenceTables, type ReferenceTable, type ReferenceTableData } from '@ade/healthcare';
import { quoteIdentifier } from '../sql/identifiers';

/**
 * Puts the healthcare reference tables the rules join (ICD-10-CM calendar, HCPCS, NUCC ...) into
 * a catalog session as temp tables. The session only speaks SQL, so each table is written once
 * per process to a CSV in a cache directory (named by a hash of its content, so a new code set
 * never reuses an old file) and read from there: ~114,000 rows in well under a second.
 */
export async function loadReferenceTables(session: SqlSession, cacheDir: string): Promise<(table: ReferenceTable) => string> {
  const files = await referenceFiles(cacheDir);
  for (const { data, path } of files) {
    const columns = data.columns.map((column) => `${duckdbSql.sqlString(column.name)}: ${duckdbSql.sqlString(column.type)}`).join(', ');
    await session.execute(
      `CREATE OR REPLACE TEMP TABLE ${referenceTableName(data.table)} AS SELECT * FROM read_csv(${duckdbSql.sqlString(path)}, header = true, quote = '"', escape = '"', columns = {${columns}})`,
    );
  }
  return (table) => `temp.main.${referenceTableName(table)}`;
}

export function referenceTableName(table: ReferenceTable): string {
  return quoteIdentifier(`ref_${table}`);
}

let written: Promise<Array<{ data: ReferenceTableData; path: string }>> | undefined;
let writtenTo: string | undefined;

function referenceFiles(cacheDir: string): Promise<Array<{ data: ReferenceTableData; path: string }>> {
  if (!written || writtenTo !== cacheDir) {
    writtenTo = cacheDir;
    written = writeReferenceFiles(cacheDir).catch((error: unknown) => {
      written = undefined;
      throw error;
    });
  }
  return written;
}

async function writeReferenceFiles(cacheDir: string): Promise<Array<{ data: ReferenceTableData; path: string }>> {
  await mkdir(cacheDir, { recursive: true });
  const files: Array<{ data: ReferenceTableData; path: string }> = [];
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
    files.push({ data, path });
  }
  return files;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
