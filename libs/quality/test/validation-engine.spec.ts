import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { DEFAULT_VALIDATION_MEMORY_LIMIT } from '../src';
import { ValidationEngine } from '../src/validation-engine';

describe('ValidationEngine memory', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir('validation-engine');
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  it('caps DuckDB at 1GB by default and spills into a private directory that close() removes', async () => {
    expect(DEFAULT_VALIDATION_MEMORY_LIMIT).toBe('1GB');
    const engine = await ValidationEngine.open({ spillRoot: temp.path });
    const [settings] = await engine.rows(`SELECT current_setting('memory_limit') AS memory, current_setting('temp_directory') AS spill`);
    expect(settings!['memory']).toBe('953.6 MiB');
    const [spill] = await readdir(temp.path);
    expect(settings!['spill']).toBe(`${temp.path}/${spill}`);
    expect(spill).toMatch(/^ade-validate-/);
    await engine.close();
    expect(await readdir(temp.path)).toEqual([]);
  });

  it('holds a table three times its limit by spilling it', async () => {
    const engine = await ValidationEngine.open({ spillRoot: temp.path, memoryLimit: '64MB', threads: 1 });
    try {
      await engine.connection.run(`CREATE TEMP TABLE big AS SELECT md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS a FROM range(2000000) t(i)`);
      expect(await engine.rows(`SELECT count(DISTINCT a)::INTEGER AS n FROM big`)).toEqual([{ n: 2_000_000 }]);
      const [spill] = await readdir(temp.path);
      expect((await readdir(`${temp.path}/${spill}`)).length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
