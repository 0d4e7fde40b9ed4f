import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStatePacks, GENERATOR_DEFECT_RULES } from '@ade/healthcare';
import { writeProfessionalClaimsCsv, type GenerationManifest } from '@ade/synthetic';
import { makeTempDir } from '@ade/testing';
import { validateFile } from '../src';

const AS_OF = '2026-11-01';

/** What the validator must find: every planted defect, under its rule, on its row and column. */
function expectedFindings(manifest: GenerationManifest): string[] {
  return manifest.defectRows!.map((d) => `${d.row}|${d.column}|${GENERATOR_DEFECT_RULES[d.kind]}`).sort();
}

describe('validateFile finds exactly the defects the generator planted', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    dir = await makeTempDir('parity');
  });
  afterAll(() => dir?.cleanup());

  it('per rule, per row and per column, on a mixed-state file under the default pack', async () => {
    const path = join(dir.path, 'mixed.csv');
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 11, rows: 30_000, asOf: AS_OF, defectRate: 0.06 });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF });

    const expectedCounts = Object.fromEntries(Object.entries(manifest.defects).map(([kind, n]) => [GENERATOR_DEFECT_RULES[kind as keyof typeof GENERATOR_DEFECT_RULES], n]));
    const foundCounts = Object.fromEntries(Object.entries(report.rules).filter(([, n]) => n > 0));
    expect(foundCounts).toEqual(expectedCounts);
    expect(report.violations.map((v) => `${v.row}|${v.column}|${v.rule}`).sort()).toEqual(expectedFindings(manifest));
    expect(report).toMatchObject({ rows: 30_000, invalid: manifest.defectRows!.length, valid: 30_000 - manifest.defectRows!.length, violationsTruncated: false });
    expect(report.columns.unmapped).toEqual([]);
    expect(report.columns.missingRequired).toEqual([]);
  });

  it.each(availableStatePacks().filter((s) => s !== 'default'))('under the %s state pack, for that state\'s members', async (state) => {
    const path = join(dir.path, `${state}.csv`);
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 3, rows: 4_000, asOf: AS_OF, states: [state], defectRate: 0.05 });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF, state });
    expect(report.state).toBe(state);
    expect(report.violations.map((v) => `${v.row}|${v.column}|${v.rule}`).sort()).toEqual(expectedFindings(manifest));
  });

  it('reports a clean file as fully valid', async () => {
    const path = join(dir.path, 'clean.csv');
    await writeProfessionalClaimsCsv(path, { seed: 5, rows: 5_000, asOf: AS_OF, defectRate: 0 });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF });
    expect(report).toMatchObject({ rows: 5_000, valid: 5_000, invalid: 0, score: 1, violations: [] });
    expect(Object.values(report.rules).every((n) => n === 0)).toBe(true);
    expect(Object.keys(report.rules).length).toBeGreaterThan(20);
  });
});
