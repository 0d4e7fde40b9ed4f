import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The folder `relativeDir` (e.g. `libs/healthcare/codesets`) in the first directory above
 * `startDir` that has it, or null. Shipped data is found this way because the code runs from two
 * places, the TypeScript sources (vitest) and the compiled `dist/libs/healthcare/src/...`, and the
 * build copies only compiled code into dist/, never the data: a deployment ships the repository's
 * data folders beside (or above) `dist/`.
 */
export function findShippedDir(relativeDir: string, startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, relativeDir);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
