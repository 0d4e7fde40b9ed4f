import { join } from 'node:path';
import { findShippedDir } from '../shipped-data-dir';
import { StatePackError } from './state-pack-error';

const RELATIVE_STATE_PACKS_DIR = join('libs', 'healthcare', 'state-packs');

let cachedDir: string | undefined;

/**
 * The folder of shipped state packs, found by walking up from this module like `codesetsDir()`:
 * this file runs from the TypeScript sources and from `dist/libs/healthcare/src/states/`, and the
 * build copies no data into dist/. A deployment ships `libs/healthcare/state-packs/` beside (or
 * above) `dist/`.
 */
export function statePacksDir(): string {
  cachedDir ??= findStatePacksDir(__dirname);
  return cachedDir;
}

/** Exported for tests, which start the walk from where the compiled module would live. */
export function findStatePacksDir(startDir: string): string {
  const dir = findShippedDir(RELATIVE_STATE_PACKS_DIR, startDir);
  if (dir === null) {
    throw new StatePackError('state_packs_dir_not_found', `No ${RELATIVE_STATE_PACKS_DIR} folder above ${startDir}; ship the state packs with the build`);
  }
  return dir;
}
