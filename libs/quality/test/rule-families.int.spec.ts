import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataType, QualityReport, QualitySettings } from '@ade/contracts';
import { GENERATOR_DEFECT_RULES } from '@ade/healthcare';
import { DEFECT_KINDS, writeProfessionalClaimsCsv, writeReferenceFiles, type GenerationManifest, type ProfessionalClaimsOptions } from '@ade/synthetic';
import { ExpectationFailedError, runQualityStage } from '../src';
import { AS_OF, CATALOG, landInBronze, openQualityWorld, type QualityWorld } from './quality-stage.fixtures';

/**
 * Every rule family against the generator's answer key, with the cross-table rules reading real
 * silver providers and eligibility tables that went through the quality stage themselves.
 */
describe('rule families: planted defects are caught with exact counts, repairs fix exactly what was varied', () => {
  let world: QualityWorld;
  let manifest: GenerationManifest;
  let report: QualityReport;
  const options: ProfessionalClaimsOptions = { seed: 17, rows: 8_000, asOf: AS_OF, defectRate: 0.08, defectKinds: DEFECT_KINDS, repairableRate: 0.05 };

  const judge = (dataType: DataType, table: string, runId: string, settings: QualitySettings = { expectations: [] }) =>
    runQualityStage(world.catalog, { dataType, catalog: CATALOG, table, runId, settings, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });

  beforeAll(async () => {
    world = await openQualityWorld('rule-families');
    const providers = join(world.dir, 'providers.csv');
    const eligibility = join(world.dir, 'eligibility.csv');
    await writeReferenceFiles(options, { providersPath: providers, eligibilityPath: eligibility });
    for (const [dataType, table, path] of [['providers', 'providers', providers], ['eligibility', 'eligibility', eligibility]] as const) {
      const runId = randomUUID();
      await landInBronze(world.catalog, path, `${table}.csv`, table, runId);
      const reference = (await judge(dataType, table, runId))!.report;
      expect(reference.rows.quarantined, `${table} must land whole in silver`).toBe(0);
    }
    const claims = join(world.dir, 'claims.csv');
    manifest = await writeProfessionalClaimsCsv(claims, options);
    const runId = randomUUID();
    await landInBronze(world.catalog, claims, 'claims.csv', 'claims', runId);
    report = (await judge('professional_claims', 'claims', runId))!.report;
  }, 120_000);
  afterAll(() => world?.cleanup());

  it('finds each planted defect under its rule, for every family, and nothing else', () => {
    const found: Record<string, number> = {};
    for (const result of report.expectations) if (result.failed > 0 && result.family !== 'freshness') found[result.rule] = (found[result.rule] ?? 0) + result.failed;
    const planted: Record<string, number> = {};
    for (const [kind, n] of Object.entries(manifest.defects)) if (n > 0) planted[GENERATOR_DEFECT_RULES[kind as keyof typeof GENERATOR_DEFECT_RULES]] = n;
    expect(Object.keys(planted)).toHaveLength(DEFECT_KINDS.length);
    expect(found).toEqual(planted);
    const families = new Set(report.expectations.filter((e) => e.failed > 0 && e.family !== 'freshness').map((e) => e.family));
    expect([...families].sort()).toEqual(['business', 'code_validity', 'integrity']);
    expect(report.rows).toMatchObject({ input: 8_000, quarantined: manifest.defectRows!.length, silver: 8_000 - manifest.defectRows!.length });
  });

  it('quarantines exactly the planted rows, each with its rule', async () => {
    const rows = await world.catalog.query(`SELECT _bronze_rowid, _rule_ids FROM ${CATALOG}.silver.claims_quarantine ORDER BY _bronze_rowid`);
    expect(rows.map((row) => `${Number(row['_bronze_rowid']) + 1}|${(row['_rule_ids'] as string[]).map((id) => id.split(':')[0]).join(',')}`)).toEqual(
      manifest.defectRows!.map((d) => `${d.row}|${GENERATOR_DEFECT_RULES[d.kind]}`),
    );
  });

  it('counts each repair the generator varied, on the rows it varied, and the repaired rows reach silver', async () => {
    const byRepair: Record<string, number> = {};
    for (const repair of report.repairs) byRepair[repair.repair] = (byRepair[repair.repair] ?? 0) + repair.count;
    const varied = Object.fromEntries(Object.entries(manifest.repairs).filter(([, n]) => n > 0));
    expect(Object.keys(varied).length).toBeGreaterThanOrEqual(4);
    // A dotless code that was also lower-cased counts under both repairs; the generator varies one thing per row.
    expect(byRepair).toEqual(varied);
    expect(report.rows.repaired).toBe(manifest.repairRows!.length);
    const noted = await world.catalog.query(`SELECT _bronze_rowid FROM ${CATALOG}.silver.claims WHERE _repairs IS NOT NULL ORDER BY _bronze_rowid`);
    expect(noted.map((row) => Number(row['_bronze_rowid']) + 1)).toEqual(manifest.repairRows!.map((r) => r.row));
  });

  it('judges freshness on the run: warn counts it, fail fails the run', async () => {
    const runId = randomUUID();
    const path = join(world.dir, 'stale.csv');
    await writeProfessionalClaimsCsv(path, { seed: 3, rows: 300, asOf: AS_OF, serviceFrom: '2025-01-01', serviceTo: '2025-03-31', defectRate: 0 });
    await landInBronze(world.catalog, path, 'stale.csv', 'stale', runId);
    const warned = (await judge('professional_claims', 'stale', runId, { expectations: [], freshnessMaxDays: 180 }))!.report;
    expect(warned.expectations.find((e) => e.id === 'business.freshness')).toMatchObject({ family: 'freshness', action: 'warn', failed: 1 });
    expect(warned.profile.newestServiceYear).toBe(2025);
    const failing = judge('professional_claims', 'stale', runId, { expectations: [{ id: 'business.freshness', action: 'fail' }], freshnessMaxDays: 180 });
    await expect(failing).rejects.toBeInstanceOf(ExpectationFailedError);
    const fresh = (await judge('professional_claims', 'stale', runId, { expectations: [], freshnessMaxDays: 3650 }))!.report;
    expect(fresh.expectations.find((e) => e.id === 'business.freshness')?.failed).toBe(0);
  });
});
