import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { sourcePathProblem, type SourceFormat } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from './source-error';

const EXTENSIONS: Record<SourceFormat, string[]> = {
  csv: ['.csv', '.txt', '.tsv'],
  ndjson: ['.ndjson', '.jsonl', '.json'],
  parquet: ['.parquet'],
  x12: ['.x12', '.837', '.834', '.835', '.edi', '.txt'],
};

const GLOB = /[*?]/;

/** Where a tenant's relative source paths are resolved: its own landing zone. */
export function landingZone(dataDir: string, tenantId: string): string {
  return join(dataDir, 'tenants', tenantId, 'landing');
}

/**
 * The files a run should consider, in name order so every run walks them the same way: the file
 * itself; the files of a directory whose extension fits the format; or, for a pattern such as
 * `claims/2026-*.csv` (`*` and `?` in the last segment only), the files of its directory that
 * match it.
 */
/** Which files of a directory a configured source path picks: the directory, and a test of a file name. */
export interface SourceSelection {
  /** The directory part, relative to the landing zone ('.' for its root). */
  directory: string;
  /** A pattern in the last segment (`claims/2026-*.csv`), or null when the path names a file or directory. */
  pattern: RegExp | null;
  /** For a directory: whether a file's name fits the format by its extension (case-insensitive). */
  accepts(name: string): boolean;
}

export function sourceSelection(configuredPath: string, format: SourceFormat): SourceSelection {
  const pattern = GLOB.test(basename(configuredPath)) ? globPattern(basename(configuredPath)) : null;
  if (GLOB.test(dirname(configuredPath))) {
    throw new SourceError('source_not_found', `wildcards are allowed in the file name only: ${configuredPath}`);
  }
  return {
    directory: pattern ? dirname(configuredPath) : configuredPath,
    pattern,
    accepts: (name) => (pattern ? pattern.test(name) : EXTENSIONS[format].includes(extname(name).toLowerCase())),
  };
}

export async function discoverSourceFiles(landing: string, configuredPath: string, format: SourceFormat): Promise<SourceFile[]> {
  const selection = sourceSelection(configuredPath, format);
  const absolute = await resolveInsideLanding(landing, selection.directory);
  const info = await statOrThrow(absolute, configuredPath);
  if (!selection.pattern && info.isFile()) return [await describeFile(absolute, configuredPath)];
  if (!info.isDirectory()) throw new SourceError('source_unreadable', `source is neither a file nor a directory: ${configuredPath}`);
  const entries = await readdir(absolute, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && selection.accepts(entry.name))
    .map((entry) => entry.name)
    .sort();
  const shownDirectory = selection.directory === '.' ? '' : selection.directory;
  return Promise.all(names.map((name) => describeFile(join(absolute, name), shownDirectory ? join(shownDirectory, name) : name)));
}

function globPattern(segment: string): RegExp {
  const escaped = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*').replaceAll('?', '[^/]');
  return new RegExp(`^${escaped}$`);
}

/**
 * The contract already refuses absolute and `..` paths; this also follows symlinks, so a link
 * planted in a landing zone cannot lead a run into another tenant's files.
 */
async function resolveInsideLanding(landing: string, configuredPath: string): Promise<string> {
  const problem = sourcePathProblem(configuredPath);
  if (problem) throw new SourceError('source_unreadable', `source path ${problem}: ${configuredPath}`);
  const root = await realpath(landing).catch(() => resolve(landing));
  const real = await realpath(resolve(landing, configuredPath)).catch((error: unknown) => {
    throw sourceError(error, configuredPath);
  });
  if (real !== root && !real.startsWith(root + sep)) {
    throw new SourceError('source_unreadable', `source path leads outside the tenant's landing zone: ${configuredPath}`);
  }
  return real;
}

async function describeFile(path: string, displayPath: string): Promise<SourceFile> {
  const info = await statOrThrow(path, displayPath);
  return {
    path,
    displayPath,
    sizeBytes: info.size,
    modifiedAt: info.mtime,
    contentHash: await sha256(path, displayPath),
  };
}

async function statOrThrow(path: string, displayPath: string) {
  try {
    return await stat(path);
  } catch (error) {
    throw sourceError(error, displayPath);
  }
}

function sha256(path: string, displayPath: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', (error) => reject(sourceError(error, displayPath)))
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

function sourceError(error: unknown, displayPath: string): Error {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SourceError('source_not_found', `source file not found: ${displayPath}`);
  if (code === 'EACCES' || code === 'EPERM') return Object.assign(new Error(`permission denied reading source: ${displayPath}`), { code });
  return error as Error;
}
