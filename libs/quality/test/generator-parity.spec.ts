import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableStatePacks, GENERATOR_DEFECT_RULES } from '@ade/healthcare';
import {
  CROSS_TABLE_DEFECT_KINDS,
  DEFAULT_DEFECT_KINDS,
  DEFECT_KINDS,
  writeProfessionalClaimsCsv,
  writeReferenceFiles,
  type GenerationManifest,
  type RepairId,
} from '@ade/synthetic';
import { makeTempDir } from '@ade/testing';
import { validateFile } from '../src';

const AS_OF = '2026-11-01';
/** Every kind a claims file shows by itself; the cross-table kinds need the providers or eligibility file. */
const IN_FILE_KINDS = DEFECT_KINDS.filter((kind) => !(CROSS_TABLE_DEFECT_KINDS as readonly string[]).includes(kind));
const OPT_IN_IN_FILE_KINDS = IN_FILE_KINDS.filter((kind) => !(DEFAULT_DEFECT_KINDS as readonly string[]).includes(kind));

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

    // The manifest lists every kind; the opt-in ones are 0 here (the default kinds were planted).
    const planted = Object.entries(manifest.defects).filter(([, n]) => n > 0);
    expect(planted.map(([kind]) => kind)).toEqual([...DEFAULT_DEFECT_KINDS]);
    const expectedCounts = Object.fromEntries(planted.map(([kind, n]) => [GENERATOR_DEFECT_RULES[kind as keyof typeof GENERATOR_DEFECT_RULES], n]));
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

  it('finds the opt-in in-file kinds too, each under its one rule, beside the default kinds', async () => {
    expect(OPT_IN_IN_FILE_KINDS).toEqual(['missing_required', 'service_dates_reversed', 'late_filing']);
    const path = join(dir.path, 'opt-in.csv');
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 13, rows: 18_000, asOf: AS_OF, defectRate: 0.09, defectKinds: IN_FILE_KINDS });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF });
    for (const kind of IN_FILE_KINDS) expect(manifest.defects[kind], kind).toBe(180);
    const foundCounts = Object.fromEntries(Object.entries(report.rules).filter(([, n]) => n > 0));
    expect(foundCounts).toEqual(Object.fromEntries(IN_FILE_KINDS.map((kind) => [GENERATOR_DEFECT_RULES[kind], 180])));
    expect(report.violations.map((v) => `${v.row}|${v.column}|${v.rule}`).sort()).toEqual(expectedFindings(manifest));
    expect(report).toMatchObject({ invalid: 1_620, violationsTruncated: false });
  });

  it.each(availableStatePacks().filter((s) => s !== 'default'))('finds late filing, reversed dates and missing units under the %s pack', async (state) => {
    const path = join(dir.path, `opt-in-${state}.csv`);
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 4, rows: 3_000, asOf: AS_OF, states: [state], defectRate: 0.06, defectKinds: OPT_IN_IN_FILE_KINDS });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF, state });
    expect(manifest.defects.late_filing).toBe(60);
    expect(report.violations.map((v) => `${v.row}|${v.column}|${v.rule}`).sort()).toEqual(expectedFindings(manifest));
  });

  it('sees repairable variants fail at most the format rule of their column, and nothing else', async () => {
    const path = join(dir.path, 'repairable.csv');
    const manifest = await writeProfessionalClaimsCsv(path, { seed: 8, rows: 6_000, asOf: AS_OF, defectRate: 0, repairableRate: 0.5 });
    const report = await validateFile({ path, type: 'professional_claims', asOf: AS_OF });
    const formatRule = (repair: RepairId, column: string): string | undefined => {
      if (repair === 'amount.normalize') return 'amount.format';
      if (repair !== 'code.trim_upper') return undefined; // dotless codes and US or compact dates are read as they are
      return column === 'hcpcs_code' ? 'procedure.format' : 'icd10cm.format';
    };
    const expected = manifest.repairRows!.flatMap(({ row, column, repair }) => {
      const rule = formatRule(repair, column);
      return rule ? [`${row}|${column}|${rule}`] : [];
    });
    expect(report.violations.map((v) => `${v.row}|${v.column}|${v.rule}`).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(1_000);
    expect(manifest.repairs['date.normalize']).toBeGreaterThan(500);
  });

  it('passes the companion providers and eligibility files under their own schemas', async () => {
    const options = { seed: 6, rows: 6_000, asOf: AS_OF, defectKinds: DEFECT_KINDS };
    const providersPath = join(dir.path, 'providers.csv');
    const eligibilityPath = join(dir.path, 'eligibility.csv');
    const summary = await writeReferenceFiles(options, { providersPath, eligibilityPath });
    const providers = await validateFile({ path: providersPath, type: 'providers', asOf: AS_OF });
    expect(providers).toMatchObject({ rows: summary.providers, invalid: 0, violations: [] });
    expect(providers.columns).toMatchObject({ unmapped: [], missingRequired: [] });
    const eligibility = await validateFile({ path: eligibilityPath, type: 'eligibility', asOf: AS_OF });
    expect(eligibility).toMatchObject({ rows: summary.eligibility!.spans, invalid: 0, violations: [] });
    expect(eligibility.columns).toMatchObject({ unmapped: [], missingRequired: [] });
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
