import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { runGenerate } from './generate-cli';

function captureOutput() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  return { stdout, stderr };
}

describe('runGenerate', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('generate-cli');
  });
  afterAll(async () => {
    await temp.cleanup();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the file and prints a JSON summary without row values', async () => {
    const out = join(temp.path, 'claims.csv');
    const output = captureOutput();
    const code = await runGenerate(['--rows', '500', '--seed', '3', '--defect-rate', '0.1', '--as-of', '2026-08-15', '--out', out]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    const summary = JSON.parse(output.stdout.join(''));
    expect(summary).toMatchObject({ out, rows: 500, seed: 3, asOf: '2026-08-15' });
    expect(Object.values(summary.defects as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(50);
    expect(summary.defectRows).toBeUndefined();
    const text = await readFile(out, 'utf8');
    expect(text.split('\n')).toHaveLength(502);
    // No value from the data (a member id, a name) appears in the summary.
    const firstRow = text.split('\n')[1]!.split(',');
    expect(output.stdout.join('')).not.toContain(firstRow[2]!);
  });

  it.each([
    [['--rows', '10']],
    [['--out', 'x.csv', '--rows', 'ten']],
    [['--out', 'x.csv', '--defect-rate', 'lots']],
    [['--out', 'x.csv', '--bogus']],
  ])('returns 2 with usage for bad flags %j', async (argv) => {
    const output = captureOutput();
    expect(await runGenerate(argv)).toBe(2);
    expect(output.stderr.join('')).toContain('Usage:');
  });

  it('returns 2 for options the generator rejects, leaving no file behind', async () => {
    const out = join(temp.path, 'rejected.csv');
    const output = captureOutput();
    expect(await runGenerate(['--out', out, '--defect-rate', '2'])).toBe(2);
    expect(output.stderr.join('')).toContain('defectRate');
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('prints usage for --help', async () => {
    const output = captureOutput();
    expect(await runGenerate(['--help'])).toBe(0);
    expect(output.stdout.join('')).toContain('Usage:');
  });

  it.each(['5', '200000'])('returns 1 when the file cannot be written (%s rows), without hanging', async (rows) => {
    const output = captureOutput();
    const out = join(temp.path, 'missing-dir', 'claims.csv');
    expect(await runGenerate(['--out', out, '--rows', rows, '--as-of', '2026-08-15'])).toBe(1);
    expect(output.stderr.join('')).toContain('generate failed');
  });
});
