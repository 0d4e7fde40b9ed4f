import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findShippedDir } from '../shipped-data-dir';
import type { LayoutDescriptor } from './layout';
import { LayoutError } from './layout-error';
import { layoutFileSchema } from './layout.schema';
import { issuePath } from './mapping-file';

const RELATIVE_LAYOUTS_DIR = join('libs', 'healthcare', 'layouts');
const LAYOUT_FILE = /^([a-z0-9-]+)\.json$/;

const cache = new Map<string, readonly LayoutDescriptor[]>();

/** The folder of shipped layout descriptors (found like the code sets: see findShippedDir). */
export function layoutsDir(startDir: string = __dirname): string {
  const dir = findShippedDir(RELATIVE_LAYOUTS_DIR, startDir);
  if (dir === null) throw new LayoutError('layouts_dir_not_found', `No ${RELATIVE_LAYOUTS_DIR} folder above ${startDir}; ship the layouts with the build`);
  return dir;
}

/**
 * Every layout descriptor in the folder, validated on first load and cached per folder, in the
 * folder's order (recognition does not depend on it). A new public layout drops in as a file; a malformed one stops the load with the
 * file and key named.
 */
export function loadLayouts(dir: string = layoutsDir()): readonly LayoutDescriptor[] {
  let layouts = cache.get(dir);
  if (!layouts) {
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    layouts = Object.freeze(files.map((fileName) => readLayout(dir, fileName)));
    cache.set(dir, layouts);
  }
  return layouts;
}

function readLayout(dir: string, fileName: string): LayoutDescriptor {
  const label = `${basename(dir)}/${fileName}`;
  const id = LAYOUT_FILE.exec(fileName)?.[1];
  if (id === undefined) throw new LayoutError('layout_invalid', `${label}: file name must be lower-case letters, digits and dashes`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, fileName), 'utf8'));
  } catch (error) {
    throw new LayoutError('layout_invalid', `${label}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = layoutFileSchema(id).safeParse(json);
  if (!parsed.success) throw new LayoutError('layout_invalid', parsed.error.issues.map((issue) => `${label}: ${issuePath(issue)}: ${issue.message}`).join('\n'));
  return parsed.data as LayoutDescriptor;
}
