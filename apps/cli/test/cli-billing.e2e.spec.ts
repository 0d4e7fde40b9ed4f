import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '@ade/testing';
import { signedDelivery, stripeEvent, subscriptionObject } from '../../../libs/testing/src/stripe-events';
import { startFakeStripe, type FakeStripe } from '../../../libs/testing/src/stripe-server';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, pipelineBody, stripeBillingEnv, type TenantFixture } from '../../control-plane/test/factories';
import { workerEvents, type EventSender } from '../../control-plane/test/worker-events';
import { DEFAULT_COST_MODEL } from '../../control-plane/src/costs/cost-model';
import { FakeWorkspace } from '../../../libs/databricks/test/fake-workspace';
import { cliRunner } from './cli-harness';

const apiUrlOf = (cp: ControlPlaneHarness) => `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;

describe('ade billing status', () => {
  let stripe: FakeStripe;
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let ade: ReturnType<typeof cliRunner>;
  let asOperator: ReturnType<typeof cliRunner>;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-billing');
    stripe = await startFakeStripe();
    cp = await startControlPlane({ label: 'cli-billing', env: { ...stripeBillingEnv(stripe, webhookSecret), BILLING_DEFAULT_PLAN: 'starter' } });
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password });
    asOperator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
    expect((await asOperator('login', '--email', cp.operator.email)).code).toBe(0);
  });
  afterAll(async () => {
    await cp?.close();
    await stripe?.close();
    await dirs?.cleanup();
  });

  it("shows a tenant user its standing, plan, usage and Stripe account, and operators every tenant's", async () => {
    const view = await eventually(
      async () => (await cp.http().get('/v1/billing').set('authorization', `Bearer ${tenant.admin.token}`)).body,
      (body) => body.stripe?.subscriptionId != null,
      { what: 'the Stripe account to be opened' },
    );
    const status = await ade('billing', 'status');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toContain('Status   trialing');
    expect(status.stdout).toContain('Plan     Starter (starter)');
    expect(status.stdout).toMatch(/Usage    \d{4}-\d{2}: 0 records in 0 runs of 1,000,000 included; 0 reported to Stripe, 0 pending/);
    expect(status.stdout).toContain(`Stripe   ${view.stripe.customerId}, subscription ${view.stripe.subscriptionId}`);

    const suspended = stripeEvent('customer.subscription.updated', subscriptionObject({ id: view.stripe.subscriptionId, customer: view.stripe.customerId, status: 'unpaid' }));
    const { body, signature } = signedDelivery(suspended, webhookSecret);
    await cp.http().post('/v1/billing/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', signature).send(body).expect(200);
    expect((await ade('billing', 'status')).stdout).toContain('Status   suspended (runs paused)');
    expect(JSON.parse((await ade('billing', 'status', '--json')).stdout)).toMatchObject({ tenantId: tenant.tenantId, status: 'suspended', runsAllowed: false });

    const overview = await asOperator('billing', 'status');
    expect(overview.code).toBe(0);
    expect(overview.stdout).toMatch(new RegExp(`${tenant.tenantId}  suspended  starter\\s+0`));
    expect(JSON.parse((await asOperator('billing', 'status', '--json')).stdout).items).toContainEqual(expect.objectContaining({ tenantId: tenant.tenantId }));
  });

  it("holds `ade cluster create` to the plan's Databricks clusters, counting the running clusters ade created", async () => {
    const workspace = await new FakeWorkspace().start();
    try {
      const withWorkspace = cliRunner({ ADE_API_URL: apiUrlOf(cp), ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password, DATABRICKS_HOST: workspace.host, DATABRICKS_TOKEN: workspace.token });
      const refused = await withWorkspace('cluster', 'create', 'etl', 'ingestion', '--cost-level', 'economy');
      expect(refused).toMatchObject({ code: 1, stderr: 'ade: plan limit reached: the Starter plan (starter) allows 0 Databricks clusters and the tenant has 0; change to a larger plan to add more\n' });
      expect(workspace.clusters.size).toBe(0);

      await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set('authorization', `Bearer ${tenant.admin.token}`).send({ plan: 'professional' }).expect(200);
      for (const name of ['etl-1', 'etl-2', 'etl-3']) expect((await withWorkspace('cluster', 'create', name, 'ingestion', '--cost-level', 'economy')).code).toBe(0);
      const fourth = await withWorkspace('cluster', 'create', 'etl-4', 'ingestion', '--cost-level', 'economy');
      expect(fourth.stderr).toBe('ade: plan limit reached: the Professional plan (professional) allows 3 Databricks clusters and the tenant has 3; change to a larger plan to add more\n');
      // A terminated cluster no longer counts.
      expect((await withWorkspace('cluster', 'terminate', 'etl-1')).code).toBe(0);
      expect((await withWorkspace('cluster', 'create', 'etl-4', 'ingestion', '--cost-level', 'economy')).code).toBe(0);
    } finally {
      await workspace.close();
    }
  });
});

describe('ade cost report', () => {
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let events: EventSender;
  let ade: ReturnType<typeof cliRunner>;
  let asOperator: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-costs');
    cp = await startControlPlane({ label: 'cli-costs' });
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    events = workerEvents(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password });
    asOperator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
    expect((await asOperator('login', '--email', cp.operator.email)).code).toBe(0);
  });
  afterAll(async () => {
    await events?.close();
    await cp?.close();
    await dirs?.cleanup();
  });

  /** A run the data plane reports as succeeded, having used `cpuMs` of worker CPU and read `bytesRead`. */
  const pricedRun = async (pipelineName: string, cpuMs: number, bytesRead: number, bytesSkipped: number) => {
    const auth = { authorization: `Bearer ${tenant.admin.token}` };
    const found = await cp.http().get('/v1/pipelines').query({ name: pipelineName }).set(auth).expect(200);
    const pipelineId = found.body.items[0]?.id ?? (await cp.http().post('/v1/pipelines').set(auth).send(pipelineBody({ name: pipelineName })).expect(201)).body.id;
    const run = await cp.http().post(`/v1/pipelines/${pipelineId}/runs`).set(auth).expect(202);
    const at = new Date().toISOString();
    const resources = { engine: 'embedded' as const, cpuMs, sharedWorker: false, bytesRead, bytesSkipped, bytesWritten: 1024, rowsRead: 100, rowsWritten: 250 };
    await events.send({ name: 'run.started', data: { tenantId: tenant.tenantId, runId: run.body.id, attempt: 1, at } });
    await events.send({
      name: 'run.succeeded',
      data: { tenantId: tenant.tenantId, runId: run.body.id, attempt: 1, at, bronzeTable: `${tenant.catalogName}.bronze.claims`, counts: { rowsLoaded: 100, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 }, durationMs: 9000, resources },
    });
  };

  it('prints cost per pipeline with the savings and their methods, per month with --monthly, and per tenant for operators', async () => {
    await pricedRun('intake', 36_000, 4 * 2 ** 20, 0);
    await pricedRun('intake', 18_000, 2 * 2 ** 20, 2 * 2 ** 20);
    await pricedRun('eligibility', 3_600, 2 ** 20, 0);
    const perSecond = DEFAULT_COST_MODEL.embedded.cpuSecondUsd;

    const report = await ade('cost', 'report');
    expect(report).toMatchObject({ code: 0, stderr: '' });
    expect(report.stdout).toMatch(new RegExp(`eligibility\\s+1\\s+3\\.6\\s+0\\.00\\s+1\\.0 MiB\\s+250\\s+\\$${(3.6 * perSecond).toFixed(6).replace('.', '\\.')}`));
    expect(report.stdout).toMatch(/intake\s+2\s+54\.0\s+0\.00\s+6\.0 MiB\s+500/);
    expect(report.stdout).toContain(`files skipped as already ingested  $${(57.6 * perSecond * (2 / 7)).toFixed(6)}`);
    expect(report.stdout).toContain('auto-termination                   $0.00  (no Databricks runs in the period)');
    expect(report.stdout).toContain('Priced by: embedded runs: worker CPU seconds');

    const json = JSON.parse((await ade('cost', 'report', '--pipeline', 'intake', '--json')).stdout);
    expect(json).toMatchObject({ groupBy: 'pipeline', rows: [expect.objectContaining({ label: 'intake', runs: 2 })] });
    expect(json.total.costUsd).toBeCloseTo(54 * perSecond, 12);

    const monthly = await ade('cost', 'report', '--monthly');
    expect(monthly.stdout).toMatch(new RegExp(`^Costs \\d{4}-\\d{2} to ${new Date().toISOString().slice(0, 7)} \\(USD\\)`));
    expect(monthly.stdout).toMatch(new RegExp(`${new Date().toISOString().slice(0, 7)}\\s+3\\s+57\\.6`));

    const operator = await asOperator('cost', 'report');
    expect(operator.stdout).toMatch(new RegExp(`${tenant.tenantId}\\s+3\\s+57\\.6`));
    expect((await ade('cost', 'report', '--month', '2026-13')).code).toBe(2);
    expect(await ade('cost', 'report', '--pipeline', 'nonexistent')).toMatchObject({ code: 1, stderr: expect.stringContaining("no pipeline named 'nonexistent'") });
  });
});
