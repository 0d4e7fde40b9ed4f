import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatTableName, type SchemaEvolutionMode, type TableRef, type TabularFormat } from '@ade/contracts';
import { DuckDbLakehouse, type BronzeIngestResult, type SourceFile, type TenantCatalog } from '@ade/lakehouse';
import { makeTempDir } from '@ade/testing';
import { canonicalOfFor } from '../canonical-of';
import { planSchemaEvolution, type SchemaEvolution } from '../plan-schema-evolution';

export const CATALOG = 'healthcare_data';
export const CLAIMS: TableRef = { catalog: CATALOG, schema: 'bronze', table: 'claims' };
const PIPELINE_ID = 'a1f0c6d2-5b7e-4c8f-9d0a-1b2c3d4e5f60';

export interface DriftFixture {
  catalog: TenantCatalog;
  /** Lands one file the way the worker does: infer, read the registered schema, plan, then ingest unless the plan failed. */
  land(displayPath: string, content: string | Writer, mode: SchemaEvolutionMode, format?: TabularFormat): Promise<Landing>;
  cleanup(): Promise<void>;
}

export type Landing = SchemaEvolution & { result: BronzeIngestResult | null };
/** Writes a file that is not text (Parquet) at the given path. */
export type Writer = (path: string) => Promise<void>;

export async function driftFixture(label: string): Promise<DriftFixture> {
  const temp = await makeTempDir(label);
  const lakehouse = new DuckDbLakehouse({ dataDir: join(temp.path, 'data'), threads: 2, memoryLimit: '512MB' });
  const locator = { tenantId: randomUUID(), catalogName: CATALOG };
  await lakehouse.provision(locator);
  const catalog = await lakehouse.open(locator);
  const canonicalOf = canonicalOfFor('professional_claims');

  return {
    catalog,
    async land(displayPath, content, mode, format = 'csv') {
      const file = await landFile(temp.path, displayPath, content);
      const source = await catalog.inferSourceSchema({ path: file.path, displayPath, format, options: {} });
      const registered = await catalog.registeredSchema(CLAIMS);
      const evolution = planSchemaEvolution({ file: displayPath, table: formatTableName(CLAIMS), mode, source, registered, canonicalOf });
      if (evolution.failure) return { ...evolution, result: null };
      const result = await catalog.ingestBronze({ pipelineId: PIPELINE_ID, runId: randomUUID(), file, format, options: {}, table: CLAIMS, plan: evolution.plan });
      return { ...evolution, result };
    },
    async cleanup() {
      await lakehouse.shutdown();
      await temp.cleanup();
    },
  };
}

async function landFile(dir: string, displayPath: string, content: string | Writer): Promise<SourceFile> {
  const path = join(dir, 'landing', displayPath);
  await mkdir(dirname(path), { recursive: true });
  if (typeof content === 'string') await writeFile(path, content);
  else await content(path);
  const stats = await stat(path);
  return { path, displayPath, sizeBytes: stats.size, modifiedAt: stats.mtime, contentHash: createHash('sha256').update(await readFile(path)).digest('hex') };
}

/** What a test reads back: data columns, rows of one file with parsed rescued data, versions, checkpoints. */
export async function tableState(catalog: TenantCatalog) {
  const columns = (
    await catalog.query(`SELECT column_name FROM duckdb_columns() WHERE database_name = '${CATALOG}' AND table_name = 'claims' AND column_name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY column_index`)
  ).map((row) => String(row['column_name']));
  const versions = (await catalog.query(`SELECT version, columns::VARCHAR AS columns FROM ${CATALOG}._system.schema_history ORDER BY version`)).map((row) => ({
    version: Number(row['version']),
    columns: JSON.parse(String(row['columns'])) as Array<{ name: string; type: string }>,
  }));
  const [checkpoints] = await catalog.query(`SELECT count(*) AS n FROM ${CATALOG}._system.ingest_checkpoints`);
  return { columns, versions, checkpoints: Number(checkpoints!['n']) };
}

export async function rowsOf(catalog: TenantCatalog, sourceFile: string): Promise<Array<Record<string, unknown>>> {
  const rows = await catalog.query(`SELECT * EXCLUDE (_ingested_at, _run_id, _source_file) FROM ${CATALOG}.bronze.claims WHERE _source_file = '${sourceFile}' ORDER BY claim_id`);
  return rows.map((row) => ({ ...row, _rescued_data: row['_rescued_data'] === null ? null : JSON.parse(String(row['_rescued_data'])) }));
}
