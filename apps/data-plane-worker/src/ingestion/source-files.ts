import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { sourcePathProblem, sourceSelection as selectionOf, type SourceFormat, type SourceSelection } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { fileSha256 } from './landing/hashed-download';
import { SourceError } from './source-error';

/** Where a tenant's relative source paths are resolved: its own landing zone. */
export function landingZone(dataDir: string, tenantId: string): string {
  return join(dataDir, 'tenants', tenantId, 'landing');
}

/** The selection rules of libs/contracts, with a wildcard in a directory refused as the run's failure. */
export function sourceSelection(configuredPath: string, format: SourceFormat): SourceSelection {
  const selection = selectionOf(configuredPath, format);
  if (selection.globInDirectory) throw new SourceError('source_not_found', `wildcards are allowed in the file name only: ${configuredPath}`);
  return selection;
}

/**
 * The files a run should consider, in name order so every run walks them the same way: the file
 * itself; the files of a directory whose extension fits the format; or, for a pattern such as
 * `claims/2026-*.csv` (`*` and `?` in the last segment only), the files of its directory that
 * match it.
 */
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
  return fileSha256(path).catch((error: unknown) => {
    throw sourceError(error, displayPath);
  });
}

function sourceError(error: unknown, displayPath: string): Error {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new SourceError('source_not_found', `source file not found: ${displayPath}`);
  if (code === 'EACCES' || code === 'EPERM') return Object.assign(new Error(`permission denied reading source: ${displayPath}`), { code });
  return error as Error;
}
