import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbLakehouse } from '@ade/lakehouse';
import { makeTempDir } from '@ade/testing';
import { locatorFor } from './fixtures';

describe('tenant engines: capped memory, per-tenant spill directories', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const dataDir = () => join(temp.path, 'data');
  const lakehouses: DuckDbLakehouse[] = [];
  const lakehouseWith = (options: Partial<ConstructorParameters<typeof DuckDbLakehouse>[0]>) => {
    const lakehouse = new DuckDbLakehouse({ dataDir: dataDir(), threads: 1, ...options });
    lakehouses.push(lakehouse);
    return lakehouse;
  };

  beforeEach(async () => {
    temp = await makeTempDir('engine-memory');
  });
  afterEach(async () => {
    for (const lakehouse of lakehouses.splice(0)) await lakehouse.shutdown();
    await temp.cleanup();
  });

  it("gives each tenant's engine the memory limit and its own spill directory, under the data directory by default", async () => {
    const lakehouse = lakehouseWith({ memoryLimit: '256MB' });
    const [a, b] = [locatorFor(), locatorFor()];
    for (const locator of [a, b]) await lakehouse.provision(locator);
    for (const locator of [a, b]) {
      const session = await lakehouse.open(locator);
      const [settings] = await session.query(`SELECT current_setting('temp_directory') AS spill, current_setting('memory_limit') AS memory`);
      expect(settings).toEqual({ spill: join(dataDir(), 'spill', locator.tenantId), memory: '244.1 MiB' });
      await session.close();
    }
  });

  it('has each engine hand freed memory back early: a 32 MB allocator flush threshold and the background thread', async () => {
    const lakehouse = lakehouseWith({ memoryLimit: '256MB' });
    const locator = locatorFor();
    await lakehouse.provision(locator);
    const session = await lakehouse.open(locator);
    const [settings] = await session.query(
      `SELECT current_setting('allocator_flush_threshold') AS flush, current_setting('allocator_background_threads') AS background`,
    );
    expect(settings).toEqual({ flush: '30.5 MiB', background: true });
    await session.close();
  });

  it('spills a table larger than the limit into the tenant spill directory instead of failing', async () => {
    const spillDir = join(temp.path, 'elsewhere');
    const lakehouse = lakehouseWith({ memoryLimit: '64MB', spillDir });
    const locator = locatorFor();
    await lakehouse.provision(locator);
    const session = await lakehouse.open(locator);
    // About 200 MB of text: three times the limit.
    await session.execute(`CREATE TEMP TABLE big AS SELECT i, md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS a FROM range(2000000) t(i)`);
    expect(await session.query(`SELECT count(DISTINCT a)::INTEGER AS n FROM big`)).toEqual([{ n: 2_000_000 }]);
    expect((await readdir(join(spillDir, locator.tenantId))).length).toBeGreaterThan(0);
    await session.close();
  });
});
