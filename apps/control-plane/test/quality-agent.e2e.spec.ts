import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_DEFECT_RULES, todayIsoDate } from '@ade/healthcare';
import { CCW_CARRIER_HEADERS, writeProfessionalClaimsCsv, type GenerationManifest } from '@ade/synthetic';
import { eventually } from '@ade/testing';
import { readFixture } from '../../../libs/healthcare/src/x12/test/x12-fixtures';
import { BAD_NPI, carrierLine, delimited } from '../../../libs/quality/test/public-layout-files';
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { startReceiver } from './quality-flow';
import { as, createPipeline, land, triggerRun, waitForRunEnd } from './run-flow';

const TABLE = 'professional_claims';

/**
 * The quality agent through the whole stack: files land in the landing zone, runs go through
 * BullMQ to a real worker and DuckDB, and what the agent measured comes back to PostgreSQL.
 */
describe('the quality agent, end to end', () => {
  let platform: PlatformHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const asOf = todayIsoDate();

  beforeAll(async () => {
    platform = await startPlatform('quality-agent', { cpEnv: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_BACKOFF_MS: '20' } });
    receiver = await startReceiver(() => 200);
  });
  afterAll(async () => {
    await receiver?.close();
    await platform?.close();
  });

  const admin = () => as(platform.tenant.admin.token);
  const get = async (path: string) => (await platform.cp.http().get(path).set(admin()).expect(200)).body;
  const poll = async (path: string) => {
    const response = await platform.cp.http().get(path).set(admin());
    return response.status === 200 ? response.body : undefined;
  };

  async function deliver(name: string, options: { rows: number; seed: number; amountFactor?: number; defectRate?: number }): Promise<GenerationManifest> {
    const scratch = join(platform.dataDir, `${name}.generated.csv`);
    const manifest = await writeProfessionalClaimsCsv(scratch, { seed: options.seed, rows: options.rows, asOf, defectRate: options.defectRate ?? 0.05 });
    let text = await readFile(scratch, 'utf8');
    if (options.amountFactor) text = scaleAmounts(text, options.amountFactor);
    await land(platform.dataDir, platform.tenant.tenantId, `claims/${name}.csv`, text);
    return manifest;
  }

  async function run(pipelineId: string) {
    const runId = await triggerRun(platform.cp, platform.tenant, pipelineId);
    const ended = await waitForRunEnd(platform.cp, platform.tenant, runId, 60_000);
    expect(ended.status).toBe('succeeded');
    return runId;
  }

  it('takes a run to silver, quarantine and gold, reports it, records lineage and releases quarantined rows after a rule change', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'medallion', sourcePath: 'claims', targetTable: `healthcare_data.silver.${TABLE}` });
    const manifest = await deliver('first', { rows: 1_200, seed: 21, defectRate: 0.06 });
    const runId = await run(pipeline.id);

    const check = await eventually(() => poll(`/v1/quality/tables/${TABLE}`), (body) => body?.report?.runId === runId, { timeoutMs: 15_000, what: 'the quality report' });
    const planted = manifest.defectRows!.length;
    expect(check.report).toMatchObject({ runId, rows: { input: 1_200, silver: 1_200 - planted, quarantined: planted } });
    const failed: Record<string, number> = {};
    for (const e of check.report.expectations as Array<{ rule: string; failed: number }>) if (e.failed > 0) failed[e.rule] = (failed[e.rule] ?? 0) + e.failed;
    const expected = Object.fromEntries(Object.entries(manifest.defects).filter(([, n]) => n > 0).map(([kind, n]) => [GENERATOR_DEFECT_RULES[kind as keyof typeof GENERATOR_DEFECT_RULES], n]));
    expect(failed).toEqual(expected);

    const quarantine = await get(`/v1/quality/quarantine?table=${TABLE}`);
    expect(quarantine.total).toEqual({ quarantined: planted, released: 0, pending: planted });
    expect(quarantine.rules).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'npi.check_digit', quarantined: manifest.defects.npi_check_digit })]));

    const lineage = await get(`/v1/lineage?table=${TABLE}`);
    const edges = (lineage.edges as Array<{ source: string; target: string; rows: number }>).map((e) => `${e.source} -> ${e.target} (${e.rows})`);
    expect(edges).toEqual(
      expect.arrayContaining([
        'file:claims/first.csv -> table:healthcare_data.bronze.professional_claims (1200)',
        `table:healthcare_data.bronze.professional_claims -> table:healthcare_data.silver.professional_claims (${1_200 - planted})`,
        `table:healthcare_data.bronze.professional_claims -> table:healthcare_data.silver.professional_claims_quarantine (${planted})`,
      ]),
    );
    expect(edges.some((edge) => edge.startsWith('table:healthcare_data.silver.professional_claims -> table:healthcare_data.gold.professional_claims_spend_by_member_month'))).toBe(true);

    // The tenant decides a bad check digit is only worth a warning, and releases those rows.
    await platform.cp.http().patch(`/v1/pipelines/${pipeline.id}`).set(admin()).send({ quality: { expectations: [{ id: 'npi.check_digit', action: 'warn' }] } }).expect(200);
    const { releaseId } = (await platform.cp.http().post('/v1/quality/quarantine/release').set(admin()).send({ table: TABLE, rules: ['npi.check_digit'] }).expect(202)).body;
    const release = await eventually(() => get(`/v1/quality/quarantine/releases/${releaseId}`), (body) => body.status !== 'queued', { timeoutMs: 30_000, what: 'the release to finish' });
    expect(release).toMatchObject({ status: 'succeeded', examined: manifest.defects.npi_check_digit, released: manifest.defects.npi_check_digit });
    const after = await get(`/v1/quality/quarantine?table=${TABLE}`);
    expect(after.total).toEqual({ quarantined: planted, released: manifest.defects.npi_check_digit, pending: planted - manifest.defects.npi_check_digit });
    const silverRows = await platform.withCatalog(async (catalog) => Number((await catalog.query(`SELECT count(*) AS n FROM healthcare_data.silver.${TABLE}`))[0]!['n']));
    expect(silverRows).toBe(1_200 - planted + manifest.defects.npi_check_digit);
  });

  it('reads a CMS carrier file by its published layout, through the worker, and says so in the quality report', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'cms-carrier', sourcePath: 'cms', targetTable: 'healthcare_data.silver.carrier_claims' });
    const lines = [carrierLine(), carrierLine({ LINE_NUM: '2', HCPCS_CD: '36415' }), carrierLine({ CLM_ID: '-10000930037922', CARR_CLM_BLG_NPI_NUM: BAD_NPI })];
    await land(platform.dataDir, platform.tenant.tenantId, 'cms/carrier_2023.csv', delimited(CCW_CARRIER_HEADERS, lines, '|'));
    const runId = await run(pipeline.id);
    const check = await eventually(() => poll('/v1/quality/tables/carrier_claims'), (body) => body?.report?.runId === runId, { timeoutMs: 15_000, what: 'the quality report' });
    expect(check.report.layout).toEqual({ id: 'cms-ccw-rif-carrier', name: expect.stringContaining('CMS CCW RIF carrier claims') });
    expect(check.report.rows).toMatchObject({ input: 3, silver: 2, quarantined: 1 });
    const failed = (check.report.expectations as Array<{ rule: string; failed: number }>).filter((e) => e.failed > 0).map((e) => e.rule);
    expect(failed).toContain('npi.check_digit');
    expect(failed).not.toContain('date.format');

    const history = await get(`/v1/pipelines/${pipeline.id}/quality`);
    expect(history.items).toEqual([
      {
        runId,
        attempt: 1,
        table: 'healthcare_data.silver.carrier_claims',
        measuredAt: expect.any(String),
        layout: { id: 'cms-ccw-rif-carrier', name: expect.stringContaining('CMS CCW RIF carrier claims') },
        rows: { input: 3, silver: 2, quarantined: 1 },
        overall: expect.any(Number),
      },
    ]);
    const bad = await platform.cp.http().get(`/v1/pipelines/${pipeline.id}/quality?limit=0`).set(admin()).expect(400);
    expect(bad.body.message).toMatch(/limit/);
  });

  it('fails a run whose fail expectation does not hold, naming it, and writes nothing past bronze', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, {
      name: 'strict',
      sourcePath: 'strict',
      targetTable: 'healthcare_data.silver.strict_claims',
      quality: { expectations: [{ id: 'procedure.format', action: 'fail' }] },
    });
    const scratch = join(platform.dataDir, 'strict.generated.csv');
    const manifest = await writeProfessionalClaimsCsv(scratch, { seed: 41, rows: 600, asOf, defectRate: 0.05 });
    await land(platform.dataDir, platform.tenant.tenantId, 'strict/claims.csv', await readFile(scratch, 'utf8'));
    const runId = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    const ended = await waitForRunEnd(platform.cp, platform.tenant, runId, 60_000);
    expect(ended.status).toBe('failed');
    expect(ended.error).toEqual({
      code: 'expectation_failed',
      message: `expectations with action 'fail' did not hold: procedure.format:hcpcs_code (${manifest.defects.malformed_procedure} rows)`,
    });
    const silverExists = await platform.withCatalog((catalog) => catalog.tableExists({ catalog: 'healthcare_data', schema: 'silver', table: 'strict_claims' }));
    expect(silverExists).toBe(false);
  });

  it('raises anomalies for three times the volume and a doubled mean paid amount, and delivers signed alerts', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'volume', sourcePath: 'volume', targetTable: 'healthcare_data.silver.volume_claims' });
    const put = await platform.cp.http().put('/v1/webhook').set(admin()).send({ url: receiver.url('/alerts') }).expect(200);
    const secret = put.body.secret as string;
    await platform.cp.http().put('/v1/quality/alerts/volume_claims').set(admin()).send({ maxAnomaly: 5 }).expect(200);

    const landVolume = async (name: string, rows: number, amountFactor?: number) => {
      const scratch = join(platform.dataDir, `${name}.csv`);
      await writeProfessionalClaimsCsv(scratch, { seed: 31, rows, asOf, defectRate: 0.02 });
      const text = await readFile(scratch, 'utf8');
      await land(platform.dataDir, platform.tenant.tenantId, `volume/${name}.csv`, amountFactor ? scaleAmounts(text, amountFactor) : text);
    };
    const normal: string[] = [];
    for (const week of [1, 2, 3, 4]) {
      await landVolume(`week-${week}`, 400);
      normal.push(await run(pipeline.id));
    }
    await landVolume('week-5', 1_200);
    const tripled = await run(pipeline.id);
    await landVolume('week-6', 400, 2);
    const doubled = await run(pipeline.id);

    type Alert = { runId: string; kind: string; delivery: { status: string } | null };
    const alerts = await eventually(
      async () => (await get('/v1/quality/alerts/volume_claims')).items as Alert[],
      (items) => items.length >= 2 && items.every((a) => a.delivery?.status === 'delivered'),
      { timeoutMs: 30_000, what: 'two delivered alerts' },
    );
    expect(alerts.map((a) => a.runId).sort()).toEqual([tripled, doubled].sort());
    expect(alerts.every((a) => a.kind === 'anomaly_above_threshold')).toBe(true);

    const anomalies = (await get('/v1/quality/anomalies?table=volume_claims&days=1')).items as Array<{ runId: string; kind: string; column: string | null; score: number }>;
    expect(anomalies.filter((a) => normal.includes(a.runId))).toEqual([]);
    expect(anomalies.some((a) => a.runId === tripled && a.kind === 'volume' && a.score > 5)).toBe(true);
    expect(anomalies.some((a) => a.runId === doubled && a.kind === 'amount_shift' && a.column === 'paid_amount' && a.score > 5)).toBe(true);

    const delivered = receiver.requests.filter((r) => r.path === '/alerts');
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    for (const request of delivered) expect(verifyWebhookSignature(secret, request.headers['x-ade-signature'] as string, request.body)).toBe(true);
  });

  it('reconciles an 835 against the claims in silver: a claim paid other than silver says is counted, the remittance still lands', async () => {
    const claims = [
      'claim_id,claim_line_number,member_id,billing_npi,diagnosis_code_1,hcpcs_code,claim_line_start_date,place_of_service_code,service_unit_quantity,charge_amount,allowed_amount,paid_amount',
      'CLM-1001,1,MCD000111,1234567893,E11.9,99213,2024-04-01,11,1,200.00,170.00,150.00',
      'CLM-1001,2,MCD000111,1234567893,E11.9,85025,2024-04-01,11,1,100.00,90.00,70.00',
      'CLM-1004,1,MCD000333,1234567893,E11.9,99214,2024-04-02,11,1,350.00,300.00,250.00',
      // Kept under the payer's ICN (CLP07): the denied CLM-1002, paid here, and the claim the 835 reverses.
      'ICN24100002,1,MCD000222,1234567893,E11.9,99213,2024-03-10,11,1,180.00,180.00,35.00',
      'ICN24090050,1,MCD000111,1234567893,E11.9,99212,2024-03-01,11,1,120.00,100.00,100.00',
    ];
    await land(platform.dataDir, platform.tenant.tenantId, 'recon-claims/claims.csv', `${claims.join('\n')}\n`);
    const claimsPipeline = await createPipeline(platform.cp, platform.tenant, { name: 'recon-claims', sourcePath: 'recon-claims', targetTable: 'healthcare_data.silver.recon_claims' });
    await run(claimsPipeline.id);
    const silverClaims = await platform.withCatalog((c) => c.query("SELECT count(*) AS n FROM healthcare_data.silver.recon_claims WHERE claim_id IN ('CLM-1001', 'CLM-1004', 'ICN24100002', 'ICN24090050')"));
    expect(Number(silverClaims[0]!['n'])).toBe(5);

    await land(platform.dataDir, platform.tenant.tenantId, 'remits/advice.835', readFixture('835-remittance.x12'));
    const remits = await createPipeline(platform.cp, platform.tenant, {
      name: 'remits', dataType: 'remittance', sourcePath: 'remits', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.remittance',
      quality: { claimTables: ['recon_claims'] },
    });
    const runId = await run(remits.id);
    const check = await eventually(() => poll('/v1/quality/tables/remittance'), (body) => body?.report?.runId === runId, { timeoutMs: 15_000, what: 'the remittance quality report' });
    // CLM-1001 paid 220 in both. CLM-1004 paid 280 against 250 in silver, and CLM-1002 (found by its ICN) 0 against 35:
    // two rows differ. CLM-0950 is a reversal (CLP02 22), whose negative payment is not the claim's.
    expect(check.report).toMatchObject({ rows: { input: 5, silver: 5, quarantined: 0 } });
    const failed = (check.report.expectations as Array<{ rule: string; failed: number; action: string }>).filter((e) => e.failed > 0);
    // The fixture's April 2024 services are also older than the freshness window, a warning too.
    expect(failed).toEqual([
      expect.objectContaining({ rule: 'business.remittance_paid', column: 'claim_paid_amount', failed: 2, action: 'warn' }),
      expect.objectContaining({ rule: 'business.freshness', failed: 1, action: 'warn' }),
    ]);
    const landed = await platform.withCatalog((c) => c.query('SELECT claim_id, claim_line_number, line_paid_amount, adjustments FROM healthcare_data.silver.remittance ORDER BY claim_id, claim_line_number'));
    expect(landed.map((row) => `${row['claim_id']}/${row['claim_line_number']} ${row['line_paid_amount']} ${row['adjustments']}`)).toEqual([
      'CLM-0950/1 -100.00 PR-1:-20',
      'CLM-1001/1 150.00 CO-45:30 PR-2:20',
      'CLM-1001/2 70.00 CO-45:10 PR-1:15 PR-2:5',
      'CLM-1002/0 null null',
      'CLM-1004/1 280.00 CO-45:50 PR-3:20',
    ]);
  });
});

/** Multiplies the charge, allowed and paid amounts of every data row, keeping two decimals. */
function scaleAmounts(csv: string, factor: number): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const columns = header!.split(',');
  const amountIndexes = ['charge_amount', 'allowed_amount', 'paid_amount'].map((name) => columns.indexOf(name));
  const scaled = lines.map((line) => {
    const fields = line.split(',');
    for (const index of amountIndexes) {
      const value = Number(fields[index]);
      if (fields[index] !== '' && Number.isFinite(value)) fields[index] = (value * factor).toFixed(2);
    }
    return fields.join(',');
  });
  return [header, ...scaled].join('\n') + '\n';
}
