import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QualitySettings } from '@ade/contracts';
import { GENERATOR_DEFECT_RULES } from '@ade/healthcare';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { ExpectationFailedError, releaseQuarantined, runQualityStage } from '../src';
import { AS_OF, CATALOG, landInBronze, openQualityWorld, snapshot, type QualityWorld } from './quality-stage.fixtures';

const GOLD = ['gold.claims_spend_by_member_month', 'gold.claims_spend_by_provider', 'gold.claims_spend_by_state_program'];

describe('quality stage on a real DuckDB catalog', () => {
  let world: QualityWorld;
  beforeEach(async () => {
    world = await openQualityWorld('quality-stage');
  });
  afterEach(() => world.cleanup());

  async function land(rows: number, seed: number, defectRate: number, runId = randomUUID()) {
    const path = join(world.dir, `claims-${seed}.csv`);
    const manifest = await writeProfessionalClaimsCsv(path, { seed, rows, asOf: AS_OF, defectRate });
    await landInBronze(world.catalog, path, `claims-${seed}.csv`, 'claims', runId);
    return { runId, manifest };
  }

  const judge = (runId: string, settings: QualitySettings = { expectations: [] }) =>
    runQualityStage(world.catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'claims', runId, settings, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });

  const count = async (sql: string) => Number((await world.catalog.query(sql))[0]!['n']);

  it('sends the planted defects to quarantine under their rules and the rest to silver, with gold built from silver', async () => {
    const { runId, manifest } = await land(6_000, 5, 0.06);
    const { report } = (await judge(runId))!;

    const planted = manifest.defectRows!.length;
    expect(report.rows).toEqual({ input: 6_000, silver: 6_000 - planted, quarantined: planted, warned: 0, repaired: 0 });
    const failedByRule: Record<string, number> = {};
    for (const result of report.expectations) if (result.failed > 0) failedByRule[result.rule] = (failedByRule[result.rule] ?? 0) + result.failed;
    const expected: Record<string, number> = {};
    for (const [kind, n] of Object.entries(manifest.defects)) if (n > 0) expected[GENERATOR_DEFECT_RULES[kind as keyof typeof GENERATOR_DEFECT_RULES]] = n;
    expect(failedByRule).toEqual(expected);

    const quarantined = await world.catalog.query(`SELECT _bronze_rowid, _rule_ids FROM ${CATALOG}.silver.claims_quarantine ORDER BY _bronze_rowid`);
    expect(quarantined.map((row) => `${Number(row['_bronze_rowid']) + 1}|${(row['_rule_ids'] as string[]).map((id) => id.split(':')[0]).join(',')}`)).toEqual(
      manifest.defectRows!.map((d) => `${d.row}|${GENERATOR_DEFECT_RULES[d.kind]}`),
    );
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`)).toBe(6_000 - planted);
    const [totals] = await world.catalog.query(
      `SELECT (SELECT sum(paid_amount) FROM ${CATALOG}.silver.claims)::VARCHAR AS silver, (SELECT sum(paid_amount) FROM ${CATALOG}.gold.claims_spend_by_member_month)::VARCHAR AS by_member, (SELECT sum(paid_amount) FROM ${CATALOG}.gold.claims_spend_by_provider)::VARCHAR AS by_provider, (SELECT sum(claim_lines) FROM ${CATALOG}.gold.claims_spend_by_state_program)::VARCHAR AS lines`,
    );
    expect(totals!['by_member']).toBe(totals!['silver']);
    expect(totals!['by_provider']).toBe(totals!['silver']);
    expect(Number(totals!['lines'])).toBe(6_000 - planted);
    expect(report.scores.overall).toBeCloseTo(1 - planted / 6_000, 4);
    expect(report.scores.uniqueness).toBeCloseTo(1 - manifest.defects.duplicate_line / 6_000, 4);
  });

  it('warn keeps and counts the rows, drop quarantines them, fail fails the run and writes nothing', async () => {
    const { runId, manifest } = await land(3_000, 7, 0.06);
    const warned = (await judge(runId, { expectations: [{ id: 'npi.check_digit', action: 'warn' }] }))!.report;
    const npiDefects = manifest.defects.npi_check_digit;
    expect(warned.rows.warned).toBe(npiDefects);
    expect(warned.rows.quarantined).toBe(manifest.defectRows!.length - npiDefects);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims WHERE len(_warnings) > 0`)).toBe(npiDefects);
    const npiResults = warned.expectations.filter((e) => e.rule === 'npi.check_digit' && e.failed > 0);
    expect(npiResults.length).toBeGreaterThan(0);
    expect(npiResults.reduce((sum, e) => sum + e.failed, 0)).toBe(npiDefects);
    for (const e of npiResults) {
      expect(e.action).toBe('warn');
      expect(e.samples.length).toBeGreaterThan(0);
      for (const sample of e.samples) expect(sample).toMatch(/^[9]{10}$/);
    }

    const { runId: failing } = await land(1_000, 8, 0.06);
    const before = await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`);
    const error = await judge(failing, { expectations: [{ id: 'procedure.format', action: 'fail' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpectationFailedError);
    expect((error as Error).message).toMatch(/procedure\.format:hcpcs_code \(\d+ rows?\)/);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`)).toBe(before);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims_quarantine WHERE _run_id = '${failing}'`)).toBe(0);

    // Once the setting is fixed, the next run takes on the failed run's rows too: nothing is lost.
    const { runId: next } = await land(500, 10, 0);
    const adopted = (await judge(next))!.report;
    expect(adopted.rows.input).toBe(1_500);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims WHERE _run_id = '${failing}'`)).toBeGreaterThan(900);
    expect((await judge(randomUUID()))!.report.rows.input).toBe(0);
  });

  it('disables an expectation and adds a custom SQL one over typed columns', async () => {
    const { runId, manifest } = await land(2_000, 9, 0.06);
    const { report } = (await judge(runId, {
      expectations: [
        { id: 'integrity.duplicate_line', enabled: false },
        { id: 'custom.large_paid', sql: 'paid_amount > 1000', action: 'warn', description: 'Paid over $1,000 is reviewed' },
      ],
    }))!;
    expect(report.expectations.some((e) => e.rule === 'integrity.duplicate_line')).toBe(false);
    const custom = report.expectations.find((e) => e.id === 'custom.large_paid')!;
    // The expectation must hold, so every row paid at most $1,000 (or unparseable) fails it.
    const atMost1000 = await count(`SELECT count(*) AS n FROM ${CATALOG}.bronze.claims WHERE coalesce(TRY_CAST(paid_amount AS DECIMAL(18,4)) <= 1000, TRUE)`);
    expect(custom).toMatchObject({ rule: 'custom', family: 'custom', action: 'warn', failed: atMost1000 });
    // With duplicates no longer dropped, a repeated key is merged into one silver row (the first).
    const duplicates = manifest.defects.duplicate_line;
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims WHERE list_contains(_warnings, 'custom.large_paid')`)).toBe(report.rows.warned - duplicates);
    expect(report.rows.silver + report.rows.quarantined + duplicates).toBe(report.rows.input);
    expect(report.rows.quarantined).toBe(manifest.defectRows!.length - manifest.defects.duplicate_line);
  });

  it('is idempotent per run id: judging the same run again leaves silver, quarantine and gold identical', async () => {
    const first = await land(4_000, 11, 0.05);
    await judge(first.runId);
    const second = await land(2_000, 12, 0.05);
    await judge(second.runId);
    const tables = async () => ({
      silver: await snapshot(world.catalog, 'silver.claims', 'claim_id, claim_line_number, _bronze_rowid'),
      quarantine: await snapshot(world.catalog, 'silver.claims_quarantine', '_run_id, _bronze_rowid'),
      gold: await Promise.all(GOLD.map((table) => snapshot(world.catalog, table, 'ALL'))),
      summary: await snapshot(world.catalog, 'gold.quality_summary', 'run_id'),
    });
    const before = await tables();
    const again = await judge(second.runId);
    expect(await tables()).toEqual(before);
    expect(again!.report.rows.input).toBe(2_000);
  });

  it('repairs what it claims, notes the original, and changes nothing else', async () => {
    const header = 'claim_id,claim_line_number,claim_type,member_id,billing_npi,diagnosis_code_1,hcpcs_code,place_of_service_code,service_unit_quantity,claim_line_start_date,claim_line_end_date,charge_amount,allowed_amount,paid_amount,medicaid_state';
    const rows = [
      'C1,1,professional,12345678,1234567893, e11.9 ,99213,11,1,2025-03-01,2025-03-01,120.00,80.00,70.00,NY',
      'C2,1,professional,12345678,1234567893,E119,99213,11,1,03/02/2025,20250302,"$1,200.50",80.00,70.00,NY',
      'C3,1,professional,12345678,1234567893,E11.91234,99213,11,1,2025-03-03,2025-03-03,120.00,80.00,70.00,NY',
      'C4,1,professional,12345678,1234567893,E11.9,j1100 ,11,1,2025-03-04,2025-03-04,$120.5,80.00,70.00,NY',
    ];
    const path = join(world.dir, 'repairs.csv');
    await writeFile(path, [header, ...rows].join('\n') + '\n');
    const runId = randomUUID();
    await landInBronze(world.catalog, path, 'repairs.csv', 'claims', runId);
    const { report } = (await judge(runId))!;

    expect(report.repairs).toEqual(
      expect.arrayContaining([
        { repair: 'code.trim_upper', column: 'diagnosis_code_1', count: 1 },
        { repair: 'icd10cm.restore_dot', column: 'diagnosis_code_1', count: 1 },
        { repair: 'date.normalize', column: 'claim_line_start_date', count: 1 },
        { repair: 'date.normalize', column: 'claim_line_end_date', count: 1 },
        { repair: 'amount.normalize', column: 'charge_amount', count: 2 },
        { repair: 'code.trim_upper', column: 'hcpcs_code', count: 1 },
      ]),
    );
    expect(report.repairs).toHaveLength(6);
    expect(report.rows.repaired).toBe(3);
    const silver = await world.catalog.query(`SELECT claim_id, diagnosis_code_1, hcpcs_code, claim_line_start_date::VARCHAR AS start, charge_amount::VARCHAR AS charge, _repairs FROM ${CATALOG}.silver.claims ORDER BY claim_id`);
    expect(silver.map((row) => [row['claim_id'], row['diagnosis_code_1'], row['hcpcs_code'], row['start'], row['charge']])).toEqual([
      ['C1', 'E11.9', '99213', '2025-03-01', '120.00'],
      ['C2', 'E11.9', '99213', '2025-03-02', '1200.50'],
      ['C4', 'E11.9', 'J1100', '2025-03-04', '120.50'],
    ]);
    expect(JSON.parse(String(silver[0]!['_repairs']))).toEqual({ diagnosis_code_1: { from: ' e11.9 ', repairs: 'code.trim_upper' } });
    expect(JSON.parse(String(silver[1]!['_repairs']))).toMatchObject({ diagnosis_code_1: { from: 'E119', repairs: 'icd10cm.restore_dot' }, charge_amount: { from: '$1,200.50', repairs: 'amount.normalize' } });
    // A malformed code is not "repaired" into a different one: it stays as it came, and is quarantined.
    const [held] = await world.catalog.query(`SELECT diagnosis_code_1, _rule_ids, _repairs FROM ${CATALOG}.silver.claims_quarantine`);
    expect(held).toMatchObject({ diagnosis_code_1: 'E11.91234', _rule_ids: ['icd10cm.format:diagnosis_code_1'], _repairs: null });
  });

  it('keeps gold equal to silver regrouped when a later delivery moves, changes and empties groups', async () => {
    const header = 'claim_id,claim_line_number,claim_type,member_id,billing_npi,diagnosis_code_1,hcpcs_code,place_of_service_code,service_unit_quantity,claim_line_start_date,claim_line_end_date,charge_amount,allowed_amount,paid_amount,medicaid_state';
    const line = (id: string, member: string, date: string, paid: string, state = 'NY') =>
      `${id},1,professional,${member},1234567893,E11.9,99213,11,1,${date},${date},120.00,80.00,${paid},${state}`;
    const deliver = async (name: string, lines: string[]) => {
      const path = join(world.dir, name);
      await writeFile(path, [header, ...lines].join('\n') + '\n');
      const runId = randomUUID();
      await landInBronze(world.catalog, path, name, 'claims', runId);
      await judge(runId);
    };
    await deliver('march.csv', [line('C1', '11111111', '2025-03-01', '10.00'), line('C2', '22222222', '2025-03-05', '20.00', 'CA'), line('C3', '11111111', '2025-04-01', '30.00')]);
    // C2 moves to another member (its old member-month and state empty), C3 is re-priced.
    await deliver('corrections.csv', [line('C2', '33333333', '2025-03-05', '25.00'), line('C3', '11111111', '2025-04-01', '35.00')]);

    const byMemberMonth = await world.catalog.query(
      `SELECT member_id, service_month::VARCHAR AS month, claim_lines, paid_amount::VARCHAR AS paid FROM ${CATALOG}.gold.claims_spend_by_member_month ORDER BY ALL`,
    );
    expect(byMemberMonth).toEqual([
      { member_id: '11111111', month: '2025-03-01', claim_lines: '1', paid: '10.00' },
      { member_id: '11111111', month: '2025-04-01', claim_lines: '1', paid: '35.00' },
      { member_id: '33333333', month: '2025-03-01', claim_lines: '1', paid: '25.00' },
    ]);
    const regrouped = {
      'gold.claims_spend_by_provider': `SELECT billing_npi, count(*), sum(paid_amount) FROM ${CATALOG}.silver.claims GROUP BY ALL ORDER BY ALL`,
      'gold.claims_spend_by_state_program': `SELECT medicaid_state, count(*), sum(paid_amount) FROM ${CATALOG}.silver.claims GROUP BY ALL ORDER BY ALL`,
    };
    const gold = {
      'gold.claims_spend_by_provider': `SELECT provider_npi, claim_lines, paid_amount FROM ${CATALOG}.gold.claims_spend_by_provider ORDER BY ALL`,
      'gold.claims_spend_by_state_program': `SELECT medicaid_state, claim_lines, paid_amount FROM ${CATALOG}.gold.claims_spend_by_state_program ORDER BY ALL`,
    };
    for (const table of Object.keys(gold) as Array<keyof typeof gold>) {
      const values = async (sql: string) => (await world.catalog.query(sql)).map((row) => Object.values(row).map(String));
      expect(await values(gold[table]), table).toEqual(await values(regrouped[table]));
    }
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.gold.claims_spend_by_state_program WHERE medicaid_state = 'CA'`)).toBe(0);
  });

  it('judges every diagnosis column against the ICD-10-CM set of its date of service, each row exactly once', async () => {
    const header = 'claim_id,claim_line_number,claim_type,member_id,billing_npi,diagnosis_code_1,diagnosis_code_2,diagnosis_code_3,hcpcs_code,place_of_service_code,service_unit_quantity,claim_line_start_date,claim_line_end_date,charge_amount,allowed_amount,paid_amount,medicaid_state';
    const line = (id: string, dx: [string, string, string], date: string) => `${id},1,professional,12345678,1234567893,${dx.join(',')},99213,11,1,${date},${date},120.00,80.00,70.00,NY`;
    const rows = [
      // M54.5 was billable until FY2022 split it (M54.50/51/59): a header from 2021-10-01.
      line('C1', ['E11.9', 'M54.5', ''], '2019-06-01'),
      line('C2', ['E11.9', 'M54.5', 'M54.5'], '2023-06-01'),
      line('C3', ['M54.50', 'E11.9', 'I10'], '2019-06-01'),
      line('C4', ['M5450', 'E119', 'I10'], '2023-06-01'),
      // U07.1 is valid from its mid-year start on 2020-04-01.
      line('C5', ['I10', 'E11.9', 'U07.1'], '2020-03-01'),
      line('C6', ['I10', 'ZZZ.9', 'E11'], '2025-01-15'),
    ];
    const path = join(world.dir, 'diagnoses.csv');
    await writeFile(path, [header, ...rows].join('\n') + '\n');
    const runId = randomUUID();
    await landInBronze(world.catalog, path, 'diagnoses.csv', 'claims', runId);
    const { report } = (await judge(runId))!;

    expect(report.rows).toMatchObject({ input: 6, silver: 2, quarantined: 4 });
    const held = await world.catalog.query(`SELECT claim_id, _rule_ids FROM ${CATALOG}.silver.claims_quarantine ORDER BY claim_id`);
    expect(held.map((row) => [row['claim_id'], row['_rule_ids']])).toEqual([
      ['C2', ['icd10cm.header_code:diagnosis_code_2', 'icd10cm.header_code:diagnosis_code_3']],
      ['C3', ['icd10cm.not_valid_on_date:diagnosis_code_1']],
      ['C5', ['icd10cm.not_valid_on_date:diagnosis_code_3']],
      ['C6', ['icd10cm.header_code:diagnosis_code_3', 'icd10cm.not_valid_on_date:diagnosis_code_2']],
    ]);
    const silver = await world.catalog.query(`SELECT claim_id FROM ${CATALOG}.silver.claims ORDER BY claim_id`);
    expect(silver.map((row) => row['claim_id'])).toEqual(['C1', 'C4']);
  });

  it('releases quarantined rows after a rule change, keeping them in quarantine marked as released', async () => {
    const { runId, manifest } = await land(3_000, 13, 0.06);
    await judge(runId);
    const settings: QualitySettings = { expectations: [{ id: 'npi.check_digit', action: 'warn' }] };
    const releaseId = randomUUID();
    const release = () =>
      releaseQuarantined(world.catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'claims', releaseId, filter: { rules: ['npi.check_digit'] }, settings, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });
    const result = await release();
    const npiDefects = manifest.defects.npi_check_digit;
    expect(result).toMatchObject({ examined: npiDefects, released: npiDefects });
    expect(result.byRule.reduce((sum, entry) => sum + entry.released, 0)).toBe(npiDefects);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims WHERE _release_id = '${releaseId}'`)).toBe(npiDefects);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims_quarantine`)).toBe(manifest.defectRows!.length);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims_quarantine WHERE _released_at IS NOT NULL`)).toBe(npiDefects);

    const again = await release();
    expect(again.released).toBe(npiDefects);
    expect(await count(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`)).toBe(3_000 - manifest.defectRows!.length + npiDefects);
  });
});
