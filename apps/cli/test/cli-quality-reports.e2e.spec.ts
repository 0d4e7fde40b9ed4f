import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { QUALITY_TABLE, qualityMeasured, qualityReport, startReceiver } from '../../control-plane/test/quality-flow';
import { createPipeline, triggerRun } from '../../control-plane/test/run-flow';
import { workerEvents, type EventSender } from '../../control-plane/test/worker-events';
import { cliRunner } from './cli-harness';

/** The quality commands against a real control plane, with quality reports sent as a worker would. */
describe('ade quality check, ade quality trends, ade quality alerts, ade webhook', () => {
  let cp: ControlPlaneHarness;
  let events: EventSender;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let runs: string[];
  let measuredRun: (runId: string, at: Date, overall: number) => Promise<void>;
  let ade: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-quality-reports');
    cp = await startControlPlane({ label: 'cli_quality_reports', env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_BACKOFF_MS: '20' } });
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    events = workerEvents(cp);
    receiver = await startReceiver(() => 200);
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
    const pipelineId = (await createPipeline(cp, tenant, { targetTable: QUALITY_TABLE })).id;
    runs = [await triggerRun(cp, tenant, pipelineId), await triggerRun(cp, tenant, pipelineId)];
    measuredRun = (runId, at, overall) =>
      events.send({ name: 'quality.measured', data: qualityMeasured({ tenantId: tenant.tenantId, runId, pipelineId }, at, { overall }) });
    await measuredRun(runs[0]!, new Date(Date.now() - 60_000), 0.97);
  });
  afterAll(async () => {
    await events?.close();
    await receiver?.close();
    await cp?.close();
    await dirs?.cleanup();
  });

  it('sets the webhook once with its signing secret, then shows it masked', async () => {
    const set = await ade('webhook', 'set', receiver.url('/alerts'));
    expect(set.code).toBe(0);
    const [url, secret, note] = set.stdout.trimEnd().split('\n');
    expect(url).toBe(`Webhook         ${receiver.url('/alerts')}`);
    expect(secret).toMatch(/^Signing secret {2}[0-9a-f]{64}$/);
    expect(note).toContain('shown this once');
    const shown = await ade('webhook', 'show');
    expect(shown.stdout).toBe(`Webhook         ${receiver.url('/alerts')}\nSigning secret  ************${secret!.slice(-4)}\n`);
    expect(JSON.parse((await ade('webhook', 'show', '--json')).stdout)).toMatchObject({ url: receiver.url('/alerts'), secret: null });
    expect(await ade('webhook', 'set', 'ftp://example.org/x')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ade: url: /) });
    expect((await ade('webhook', 'set')).code).toBe(2);
  });

  it('sets alert thresholds, and lists the alerts a run raised with their delivery', async () => {
    const defaults = await ade('quality', 'alerts', 'professional_claims');
    expect(defaults.stdout.split('\n')[0]).toBe(`Alert thresholds for ${QUALITY_TABLE}: min quality 0.5, max drop 0.2 (the defaults; set your own with \`ade quality alerts TABLE --min-quality ...\`)`);
    const set = await ade('quality', 'alerts', 'professional_claims', '--min-quality', '0.9', '--max-anomaly', '5.0', '--max-drop', 'off');
    expect(set).toMatchObject({ code: 0, stdout: `Alert thresholds for ${QUALITY_TABLE}: min quality 0.9, max anomaly 5\n` });
    expect(await ade('quality', 'alerts', 'professional_claims', '--max-anomaly', 'off', '--json')).toMatchObject({ code: 0 });
    expect((await ade('quality', 'alerts', 'professional_claims', '--min-quality', 'high')).code).toBe(2);
    expect(await ade('quality', 'alerts', 'professional_claims', '--min-quality', '1.5')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^ade: minQuality: /) });

    await measuredRun(runs[1]!, new Date(), 0.8);
    const shown = await eventually(
      () => ade('quality', 'alerts', 'professional_claims'),
      (result) => result.stdout.includes('delivered'),
      { what: 'the alert to be delivered' },
    );
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Alert thresholds for ${QUALITY_TABLE}: min quality 0.9`);
    expect(lines[2]).toMatch(/^CREATED\s+RUN\s+KIND\s+DETAIL\s+DELIVERY$/);
    expect(lines[3]).toMatch(new RegExp(`${runs[1]!.slice(0, 8)}\\s+quality_below_threshold\\s+overall 0\\.8, minQuality 0\\.9\\s+delivered \\(1 attempt\\(s\\), HTTP 200\\)$`));
  });

  it("checks a table's latest report", async () => {
    const check = await ade('quality', 'check', 'professional_claims');
    expect(check.code).toBe(0);
    const lines = check.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${QUALITY_TABLE}: run ${runs[1]}, measured `));
    // The report was made without a recognised layout: its files were read by column names.
    expect(lines[1]).toBe('  read as: column names');
    expect(lines[2]).toBe('  rows: input 1000, silver 990, quarantined 10, warned 4, repaired 3');
    expect(lines[3]).toBe('  scores: overall 0.8000 (completeness 0.9800, validity 0.8000, uniqueness 1.0000, consistency 0.9700)');
    expect(lines[5]).toMatch(/^EXPECTATION\s+ACTION\s+FAILED\s+SAMPLES \(masked\)$/);
    expect(lines[6]).toMatch(/^npi\.check_digit:billing_npi\s+drop\s+10\s+9999999999$/);
    expect(lines.at(-1)).toBe(`Alert thresholds for ${QUALITY_TABLE}: min quality 0.9`);
    expect(JSON.parse((await ade('quality', 'check', QUALITY_TABLE, '--json')).stdout)).toMatchObject({ table: QUALITY_TABLE, report: { runId: runs[1] } });
    expect(await ade('quality', 'check', 'never_measured')).toMatchObject({ code: 1, stderr: 'ade: quality report not found\n' });
  });

  it('says how many lines of a mixed medical-claim file a run left to the other claim form', async () => {
    const table = 'healthcare_data.silver.medical_professional';
    const pipelineId = (await createPipeline(cp, tenant, { targetTable: table })).id;
    const runId = await triggerRun(cp, tenant, pipelineId);
    const report = {
      ...qualityReport({}, table),
      layout: { id: 'tuva-medical-claim', name: 'a medical_claim file mixing professional and institutional lines, routed by claim_type' },
      routed: [{ claimType: 'institutional', dataType: 'institutional_claims' as const, lines: 2 }],
    };
    await events.send({ name: 'quality.measured', data: { tenantId: tenant.tenantId, runId, pipelineId, attempt: 1, at: new Date().toISOString(), report } });
    const lines = (await ade('quality', 'check', 'medical_professional')).stdout.split('\n');
    expect(lines.slice(1, 4)).toEqual([
      '  read as: a medical_claim file mixing professional and institutional lines, routed by claim_type (tuva-medical-claim)',
      '  left to institutional_claims pipelines: 2 institutional line(s)',
      '  rows: input 1000, silver 990, quarantined 10, warned 4, repaired 3',
    ]);
  });

  it('shows the trend, one line per run, for the table given as an argument like its siblings (or by the older --table)', async () => {
    const trends = await ade('quality', 'trends', 'professional_claims', '--days', '7');
    expect(await ade('quality', 'trends', '--table', 'professional_claims', '--days', '7')).toEqual(trends);
    expect(trends.code).toBe(0);
    const lines = trends.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Quality of ${QUALITY_TABLE} over the last 7 day(s), 2 run(s), oldest first`);
    expect(lines[1]).toMatch(/^MEASURED\s+RUN\s+ROWS\s+SILVER\s+QUARANTINED\s+OVERALL\s+ANOMALIES$/);
    expect(lines[2]).toMatch(new RegExp(`\\s${runs[0]!.slice(0, 8)}\\s+1000\\s+990\\s+10\\s+0\\.9700\\s+0$`));
    expect(lines[3]).toMatch(new RegExp(`\\s${runs[1]!.slice(0, 8)}\\s+1000\\s+990\\s+10\\s+0\\.8000\\s+0$`));
    expect((await ade('quality', 'trends', 'nothing_here')).stdout).toBe(`No quality reports for healthcare_data.silver.nothing_here in the last 30 day(s).\n`);
    expect(await ade('quality', 'trends')).toMatchObject({ code: 2, stderr: expect.stringContaining('TABLE is required') });
    expect((await ade('quality', 'trends', 't', '--days', '0')).code).toBe(2);
    expect(await ade('quality', 'trends', 'a', '--table', 'b')).toMatchObject({ code: 2, stderr: expect.stringContaining('give the table once') });
    expect(await ade('quality', 'trends', 'a', 'b')).toMatchObject({ code: 2, stderr: expect.stringContaining("unexpected argument 'b'") });
  });
});
