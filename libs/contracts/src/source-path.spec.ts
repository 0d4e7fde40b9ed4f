import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { sourcePath, sourcePathProblem } from './source-path';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const NUL = 'must not contain NUL characters';
const ENCODED = 'must not contain percent-encoded dots or slashes';
const RELATIVE = "must be relative to the tenant's landing zone (no leading /, drive letter or ~)";
const DOTS = "must not contain '..' segments";
const URL = "is a URL; a source is a path in the tenant's landing zone (on the worker's disk, or in the object store the worker's LANDING_S3_URL names)";

describe('sourcePathProblem', () => {
  it.each([
    'claims',
    'claims/',
    'claims/2026-*.csv',
    'claims//2026.csv',
    './claims',
    'claims/./2026.csv',
    'a..b/x.csv',
    'claims/..x',
    'claims/x..',
    '...',
    'claims/~x',
    'claims~',
    'claims:2026/x.csv',
    '1:x',
    '50%/x.csv',
    '%41.csv',
    'données/réclamations.csv',
    'a\\b.csv',
    's3:/x',
    'claims/s3://x',
    '3s://x',
  ])('accepts %j', (path) => {
    expect(sourcePathProblem(path)).toBeNull();
  });

  it.each([
    ['claims\0.csv', NUL],
    ['\0', NUL],
    ['%2e%2e/x', ENCODED],
    ['%2E%2E/x', ENCODED],
    ['claims%2fx', ENCODED],
    ['claims%2Fx', ENCODED],
    ['claims%5cx', ENCODED],
    ['claims%5Cx', ENCODED],
    ['/etc/passwd', RELATIVE],
    ['/', RELATIVE],
    ['\\\\server\\share', RELATIVE],
    ['\\x', RELATIVE],
    ['C:\\claims', RELATIVE],
    ['c:claims', RELATIVE],
    ['Z:/claims', RELATIVE],
    ['~', RELATIVE],
    ['~/claims', RELATIVE],
    ['~other/claims', RELATIVE],
    ['／etc／passwd', RELATIVE],
    ['..', DOTS],
    ['../x', DOTS],
    ['claims/..', DOTS],
    ['claims/../x', DOTS],
    ['claims\\..\\x', DOTS],
    ['claims/..\\x', DOTS],
    ['claims／..／x', DOTS],
    ['．．/x', DOTS],
    ['s3://claims-bucket/2026/', URL],
    ['sftp://clearinghouse.example.org/outbox', URL],
    ['HTTPS://example.org/claims.csv', URL],
    ['gs+x.y-z://b/x', URL],
  ])('refuses %j', (path, problem) => {
    expect(sourcePathProblem(path)).toBe(problem);
  });

  it('reports the first problem: NUL before encoding before placement before dots', () => {
    expect(sourcePathProblem('/%2e/\0')).toBe(NUL);
    expect(sourcePathProblem('/%2e/..')).toBe(ENCODED);
    expect(sourcePathProblem('/../x')).toBe(RELATIVE);
  });
});

describe('sourcePath', () => {
  it('accepts a path of 1 to 1024 characters', () => {
    expect(sourcePath.parse('c')).toBe('c');
    const longest = `claims/${'x'.repeat(1017)}`;
    expect(longest).toHaveLength(1024);
    expect(sourcePath.parse(longest)).toBe(longest);
  });

  it('refuses an empty path and one of 1025 characters', () => {
    expect(problems(sourcePath, '')).toBe('(root): Too small: expected string to have >=1 characters');
    expect(problems(sourcePath, `claims/${'x'.repeat(1018)}`)).toBe('(root): Too big: expected string to have <=1024 characters');
  });

  it("refuses with the problem's text, never the path itself", () => {
    expect(problems(sourcePath, '/home/zebediah/claims.csv')).toBe(`(root): ${RELATIVE}`);
    expect(problems(sourcePath, 'zebediah/../x')).toBe(`(root): ${DOTS}`);
  });

  it('refuses what is not a string', () => {
    expect(problems(sourcePath, 7)).toBe('(root): Invalid input: expected string, received number');
  });
});
