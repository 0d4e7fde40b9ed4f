import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private directory for one suite's catalog and landing files, removed by the returned cleanup. */
export async function makeTempDir(label: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `ade-${label}-`));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
