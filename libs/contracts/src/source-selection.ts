import type { SourceFormat } from './data-types';

/** The file extensions a directory source takes for each format (case-insensitive). */
export const SOURCE_EXTENSIONS: Readonly<Record<SourceFormat, readonly string[]>> = {
  csv: ['.csv', '.txt', '.tsv'],
  ndjson: ['.ndjson', '.jsonl', '.json'],
  parquet: ['.parquet'],
  x12: ['.x12', '.837', '.834', '.835', '.edi', '.txt'],
};

const GLOB = /[*?]/;

/** Which files of a directory a pipeline's source path picks: the directory, and a test of a file name. */
export interface SourceSelection {
  /** The directory part, relative to the landing zone ('.' for its root). */
  directory: string;
  /** A pattern in the last segment (`claims/2026-*.csv`), or null when the path names a file or directory. */
  pattern: RegExp | null;
  /** Whether `*` or `?` appear before the last segment, which no run accepts. */
  globInDirectory: boolean;
  /** For a directory or a pattern: whether a file of that name is taken. */
  accepts(name: string): boolean;
}

/**
 * How a source path selects files, the same for the worker's runs and the control plane's upload
 * URLs: a pattern (`*` any characters, `?` one; case-sensitive; the extension not checked) in the
 * last segment picks the matching files of its directory; otherwise a directory's files whose
 * extension fits the format.
 */
export function sourceSelection(sourcePath: string, format: SourceFormat): SourceSelection {
  const segments = sourcePath.split('/');
  const last = segments.at(-1)!;
  const pattern = GLOB.test(last) ? globPattern(last) : null;
  const directory = pattern ? segments.slice(0, -1).join('/') || '.' : sourcePath;
  return {
    directory,
    pattern,
    globInDirectory: segments.slice(0, -1).some((segment) => GLOB.test(segment)),
    accepts: (name) => (pattern ? pattern.test(name) : hasExtension(name, SOURCE_EXTENSIONS[format])),
  };
}

/** Whether the name ends in one of the extensions (case-insensitive); a leading dot alone is no extension. */
function hasExtension(name: string, extensions: readonly string[]): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && extensions.includes(name.slice(dot).toLowerCase());
}

function globPattern(segment: string): RegExp {
  const escaped = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*').replaceAll('?', '[^/]');
  return new RegExp(`^${escaped}$`);
}
