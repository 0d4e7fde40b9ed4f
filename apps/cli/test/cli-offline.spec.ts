import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { cliRunner } from './cli-harness';

describe('ade generate and ade validate, offline (no server)', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const ade = cliRunner({});

  beforeAll(async () => {
    dir = await makeTempDir('cli-offline');
  });
  afterAll(() => dir?.cleanup());

  it('generates a file and validates it, finding the planted defects per rule', async () => {
    const out = join(dir.path, 'claims.csv');
    const generated = await ade('generate', 'claims', '--out', out, '--rows', '3000', '--seed', '9', '--as-of', '2026-11-01', '--json');
    expect(generated.code).toBe(0);
    const manifest = JSON.parse(generated.stdout);
    expect(manifest.rows).toBe(3000);

    const validated = await ade('validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01', '--json');
    expect(validated).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(validated.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['rows', 'valid', 'invalid', 'score', 'rules', 'violations']));
    const planted = Object.values(manifest.defects as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(report).toMatchObject({ rows: 3000, invalid: planted, valid: 3000 - planted });
    expect(report.rules['npi.check_digit']).toBe(manifest.defects.npi_check_digit);
    expect(report.violations).toHaveLength(planted);
    expect(report.violations[0]).toEqual({ row: expect.any(Number), column: expect.any(String), rule: expect.any(String), severity: 'error', message: expect.any(String) });
  });

  it('prints a human summary with counts per rule', async () => {
    const out = join(dir.path, 'small.csv');
    await ade('generate', 'claims', '--out', out, '--rows', '500', '--as-of', '2026-11-01');
    const result = await ade('validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rows 500, valid \d+, invalid \d+, score 0\.\d{4}/);
    expect(result.stdout).toMatch(/RULE\s+VIOLATIONS/);
  });

  it('exits 2 with one line for unusable input, an unknown state and a bad type', async () => {
    const missing = await ade('validate', join(dir.path, 'none.csv'), '--type', 'professional_claims');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ade: file not found: .*none\.csv\n$/);
    const empty = join(dir.path, 'empty.csv');
    await writeFile(empty, '');
    expect((await ade('validate', empty, '--type', 'providers')).code).toBe(2);
    const state = await ade('validate', empty, '--type', 'providers', '--state', 'ZZ');
    expect(state.code).toBe(2);
    expect(state.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect((await ade('validate', empty, '--type', 'dental_claims')).code).toBe(2);
  });

  it('takes a memory limit for the engine from --memory-limit or ADE_VALIDATE_MEMORY_LIMIT, and refuses a bad one', async () => {
    const out = join(dir.path, 'limited.csv');
    await ade('generate', 'claims', '--out', out, '--rows', '300', '--as-of', '2026-11-01');
    const args = ['validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01', '--json'];
    const limited = await ade(...args, '--memory-limit', '128MB');
    expect(limited.code).toBe(0);
    expect(JSON.parse(limited.stdout).rows).toBe(300);
    expect((await cliRunner({ ADE_VALIDATE_MEMORY_LIMIT: '256MB' })(...args)).code).toBe(0);
    for (const bad of [ade(...args, '--memory-limit', 'lots'), cliRunner({ ADE_VALIDATE_MEMORY_LIMIT: '1 bucket' })(...args)]) {
      const result = await bad;
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("ade: --memory-limit (or ADE_VALIDATE_MEMORY_LIMIT) must be a size such as '1GB' or '512MB'\n");
    }
  });

  it('runs as the packaged bin and never prints a stack trace', async () => {
    const bin = resolve(__dirname, '../../../bin/ade.js');
    const error = await promisify(execFile)(process.execPath, [bin, 'validate', join(dir.path, 'missing.csv'), '--type', 'eligibility'], { encoding: 'utf8' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
