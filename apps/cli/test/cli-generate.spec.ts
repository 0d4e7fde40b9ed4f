import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@ade/healthcare';
import { DEFECT_KINDS } from '@ade/synthetic';
import { makeTempDir } from '@ade/testing';
import { cliRunner } from './cli-harness';

describe('ade generate claims: opt-in defects, repairable variants and companion files', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const ade = cliRunner({});

  beforeAll(async () => {
    dir = await makeTempDir('cli-generate');
  });
  afterAll(() => dir?.cleanup());

  it('plants the listed kinds, varies clean rows and writes the providers and eligibility files', async () => {
    const out = join(dir.path, 'claims.csv');
    const providers = join(dir.path, 'providers.csv');
    const eligibility = join(dir.path, 'eligibility.csv');
    const result = await ade(
      'generate', 'claims', '--out', out, '--rows', '2000', '--seed', '4', '--as-of', '2026-11-01',
      '--defect-rate', '0.1', '--defects', 'late_filing, unknown_provider,missing_required', '--repairable-rate', '0.2',
      '--providers', providers, '--eligibility', eligibility, '--json',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const summary = JSON.parse(result.stdout);
    const listed = ['late_filing', 'unknown_provider', 'missing_required'];
    expect(Object.keys(summary.defects).sort()).toEqual([...DEFECT_KINDS].sort());
    for (const [kind, n] of Object.entries(summary.defects as Record<string, number>)) {
      if (listed.includes(kind)) expect([66, 67], kind).toContain(n);
      else expect(n, kind).toBe(0);
    }
    expect(Object.values(summary.repairs as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(300);
    expect(summary).not.toHaveProperty('repairRows');
    const [providerHeader, ...providerRows] = parseCsv(await readFile(providers, 'utf8'));
    expect(providerHeader![0]).toBe('npi');
    expect(summary.providers).toEqual({ path: providers, rows: providerRows.length });
    const [eligibilityHeader, ...spans] = parseCsv(await readFile(eligibility, 'utf8'));
    expect(eligibilityHeader).toContain('enrollment_start_date');
    expect(summary.eligibility).toMatchObject({ path: eligibility, spans: spans.length, currentMembers: 334, formerMembers: 17 });
  });

  it('writes the same claims bytes with or without the companion files, and says what it wrote', async () => {
    const plain = join(dir.path, 'plain.csv');
    const withFiles = join(dir.path, 'with-files.csv');
    await ade('generate', 'claims', '--out', plain, '--rows', '800', '--as-of', '2026-11-01');
    const result = await ade('generate', 'claims', '--out', withFiles, '--rows', '800', '--as-of', '2026-11-01', '--providers', join(dir.path, 'p.csv'), '--eligibility', join(dir.path, 'e.csv'));
    expect(result.code).toBe(0);
    expect(await readFile(withFiles, 'utf8')).toBe(await readFile(plain, 'utf8'));
    expect(result.stdout).toMatch(/planted defects: npi_check_digit \d+, malformed_diagnosis \d+, malformed_procedure \d+, paid_exceeds_charge \d+, future_service_date \d+, duplicate_line \d+\n/);
    expect(result.stdout).toMatch(/providers: \d+ rows to .*p\.csv/);
    expect(result.stdout).toMatch(/eligibility: \d+ enrollment spans of 134 members and 7 former members to .*e\.csv/);
    expect(result.stdout).not.toMatch(/repairable/);
  });

  it('exits 2 for an unknown kind, an empty list, a bad rate or a calendar too short for late filing', async () => {
    const out = join(dir.path, 'bad.csv');
    const unknown = await ade('generate', 'claims', '--out', out, '--defects', 'npi_check_digit,typo');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown kind typo \(kinds: npi_check_digit, .*late_filing\)/);
    expect((await ade('generate', 'claims', '--out', out, '--defects', ' , ')).code).toBe(2);
    expect((await ade('generate', 'claims', '--out', out, '--repairable-rate', '2')).stderr).toMatch(/repairableRate must be between 0 and 1/);
    const late = await ade('generate', 'claims', '--out', out, '--as-of', '2025-06-01', '--defects', 'late_filing');
    expect(late).toMatchObject({ code: 2 });
    expect(late.stderr).toMatch(/late_filing needs serviceFrom more than 365 days before asOf/);
  });
});
