import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DuckDbLakehouse, type SourceFile } from '@ade/lakehouse';

/**
 * What a run does next with the files its intake took: each lands in a bronze table of a fresh
 * tenant catalog under `dir`, as `ingestBronze` does for every run (the worker's default engine
 * settings: 1 GB DuckDB memory limit, spilling to disk).
 */
export async function landInBronze(files: SourceFile[], dir: string): Promise<number> {
  const lakehouse = new DuckDbLakehouse({ dataDir: join(dir, 'catalog'), memoryLimit: '1GB', spillDir: join(dir, 'spill') });
  const locator = { tenantId: randomUUID(), catalogName: 'healthcare_data' };
  try {
    await lakehouse.provision(locator);
    const catalog = await lakehouse.open(locator);
    let rows = 0;
    try {
      for (const file of files) {
        const landed = await catalog.ingestBronze({ pipelineId: randomUUID(), runId: randomUUID(), file, format: 'csv', options: {}, table: { catalog: 'healthcare_data', schema: 'bronze', table: 'claims' } });
        rows += landed.rows;
      }
    } finally {
      await catalog.close();
    }
    return rows;
  } finally {
    await lakehouse.shutdown();
  }
}
