import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root (where nest-cli.json is), found from a bench module run from its sources or from dist. */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nest-cli.json above ${from}`);
  }
}
