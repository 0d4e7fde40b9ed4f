import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableRef } from '@ade/contracts';
import { DuckDbLakehouse, type CatalogLocator, type SourceFile, type TenantCatalog } from '@ade/lakehouse';
import { makeTempDir } from '@ade/testing';

export const CATALOG = 'healthcare_data';
export const AS_OF = '2026-11-01';

export interface QualityWorld {
  dir: string;
  lakehouse: DuckDbLakehouse;
  locator: CatalogLocator;
  catalog: TenantCatalog;
  referenceCacheDir: string;
  cleanup(): Promise<void>;
}

/** A real DuckDB catalog in a temp directory, provisioned for one tenant and opened. */
export async function openQualityWorld(label: string): Promise<QualityWorld> {
  const temp = await makeTempDir(label);
  const lakehouse = new DuckDbLakehouse({ dataDir: temp.path });
  const locator = { tenantId: randomUUID(), catalogName: CATALOG };
  await lakehouse.provision(locator);
  const catalog = await lakehouse.open(locator);
  return {
    dir: temp.path,
    lakehouse,
    locator,
    catalog,
    referenceCacheDir: join(temp.path, 'reference'),
    cleanup: async () => {
      await catalog.close().catch(() => undefined);
      await lakehouse.shutdown();
      await temp.cleanup();
    },
  };
}

export async function describeFile(path: string, displayPath: string): Promise<SourceFile> {
  const stats = await stat(path);
  return { path, displayPath, sizeBytes: stats.size, modifiedAt: stats.mtime, contentHash: createHash('sha256').update(await readFile(path)).digest('hex') };
}

/** Lands a CSV in bronze the way a run does (no plan: columns by name), as `runId`. */
export async function landInBronze(catalog: TenantCatalog, path: string, displayPath: string, table: string, runId: string): Promise<number> {
  const ref: TableRef = { catalog: CATALOG, schema: 'bronze', table };
  const result = await catalog.ingestBronze({ pipelineId: randomUUID(), runId, file: await describeFile(path, displayPath), format: 'csv', options: {}, table: ref });
  return result.rows;
}

/** A table's rows in a stable order, timestamps left out, for comparing whole tables. */
export async function snapshot(catalog: TenantCatalog, table: string, orderBy: string, exclude: readonly string[] = []): Promise<unknown[]> {
  const columns = (await catalog.query(`SELECT column_name FROM information_schema.columns WHERE table_catalog = '${CATALOG}' AND table_schema || '.' || table_name = '${table}' ORDER BY ordinal_position`))
    .map((row) => String(row['column_name']))
    .filter((column) => !exclude.includes(column));
  return catalog.query(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM ${CATALOG}.${table} ORDER BY ${orderBy}`);
}
