import { z } from 'zod';

/**
 * A pipeline's source, relative to its tenant's landing zone. Absolute paths, drive letters,
 * home shortcuts and `..` segments are refused so that no path can name another tenant's files.
 */
export function sourcePathProblem(path: string): string | null {
  if (path.includes('\0')) return 'must not contain NUL characters';
  // Paths are used literally, but a name that only decodes or normalizes to a traversal is
  // refused too, so no layer in front (a proxy, a file system) can turn it into one.
  if (/%(2e|2f|5c)/i.test(path)) return 'must not contain percent-encoded dots or slashes';
  const normalized = path.normalize('NFKC');
  if (/^([\\/]|[A-Za-z]:|~)/.test(normalized)) return "must be relative to the tenant's landing zone (no leading /, drive letter or ~)";
  // s3://, sftp://, https:// ...: a source is resolved inside the tenant's landing zone; a URL would fail at run time.
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(normalized)) return "is a URL; a source is a path in the tenant's landing zone (on the worker's disk, or in the object store the worker's LANDING_S3_URL names)";
  if (normalized.split(/[\\/]/).includes('..')) return "must not contain '..' segments";
  return null;
}

export const sourcePath = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((path, ctx) => {
    const problem = sourcePathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
