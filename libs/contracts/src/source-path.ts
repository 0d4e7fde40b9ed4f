import { z } from 'zod';

/**
 * A pipeline's source, relative to its tenant's landing zone. Absolute paths, drive letters,
 * home shortcuts and `..` segments are refused so that no path can name another tenant's files.
 */
export function sourcePathProblem(path: string): string | null {
  if (path.includes('\0')) return 'must not contain NUL characters';
  if (/^([\\/]|[A-Za-z]:|~)/.test(path)) return "must be relative to the tenant's landing zone (no leading /, drive letter or ~)";
  if (path.split(/[\\/]/).includes('..')) return "must not contain '..' segments";
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
