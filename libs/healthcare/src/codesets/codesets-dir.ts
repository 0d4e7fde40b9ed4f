import { join } from 'node:path';
import { findShippedDir } from '../shipped-data-dir';
import { CodesetError } from './codeset-error';

const RELATIVE_CODESETS_DIR = join('libs', 'healthcare', 'codesets');

let cachedDir: string | undefined;

/**
 * The folder that holds the shipped code-set files. It is found by walking up from this module
 * until `libs/healthcare/codesets` appears, because this file runs from two places: the TypeScript
 * sources (vitest) and the compiled `dist/libs/healthcare/src/codesets/`, and the build copies only
 * compiled code into dist/, never the data. A deployment must therefore ship the repository's
 * `libs/healthcare/codesets/` folder beside (or above) `dist/`.
 */
export function codesetsDir(): string {
  cachedDir ??= findCodesetsDir(__dirname);
  return cachedDir;
}

/** Absolute path of one shipped code-set file. */
export function codesetPath(fileName: string): string {
  return join(codesetsDir(), fileName);
}

/** Exported for tests, which start the walk from where the compiled module would live. */
export function findCodesetsDir(startDir: string): string {
  const dir = findShippedDir(RELATIVE_CODESETS_DIR, startDir);
  if (dir === null) {
    throw new CodesetError('codesets_dir_not_found', `No ${RELATIVE_CODESETS_DIR} folder above ${startDir}; ship the code sets with the build`);
  }
  return dir;
}
