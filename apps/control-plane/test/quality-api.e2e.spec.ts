import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QualityRecorder } from '../src/quality/quality-recorder';
import { WebhookConfig } from '../src/config/webhook.config';
import { SecretBox } from '../src/secrets/secret-box';
import { WebhookDeliveriesRepository } from '../src/webhooks/webhook-deliveries.repository';
import { BLOCKED_TARGET_MESSAGE } from '../src/common/outbound-target';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import { WebhookEndpointsRepository } from '../src/webhooks/webhooks.repository';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, tokenFor, type TenantFixture } from './factories';
import { QUALITY_TABLE, qualityMeasured } from './quality-flow';
import { as, createPipeline, triggerRun } from './run-flow';

describe('quality and webhook API: isolation, roles and validation', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let viewerToken: string;
  let runId: string;

  const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'quality-api', env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
    tenant = await createTenant(cp);
    other = await createTenant(cp);
    const viewer = { email: `viewer@${tenant.slug}.test`, password: 'viewer-password-1' };
    await cp.http().post('/v1/users').set(as(tenant.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    viewerToken = await tokenFor(cp, viewer.email, viewer.password);
    const pipelineId = (await createPipeline(cp, tenant)).id;
    runId = await triggerRun(cp, tenant, pipelineId);
    await cp.app.get(QualityRecorder).record(qualityMeasured({ tenantId: tenant.tenantId, runId, pipelineId }, new Date()));
  });
  afterAll(() => cp?.close());

  it('answers 404 for another tenant’s reports, runs, alerts and webhook', async () => {
    await cp.http().get('/v1/quality/tables/professional_claims').set(as(tenant.admin.token)).expect(200);
    await cp.http().get(`/v1/quality/runs/${runId}`).set(as(tenant.admin.token)).expect(200);

    const notFound = await cp.http().get('/v1/quality/tables/professional_claims').set(as(other.admin.token)).expect(404);
    expect(notFound.body).toEqual({ error: 'not_found', message: 'quality report not found' });
    await cp.http().get(`/v1/quality/runs/${runId}`).set(as(other.admin.token)).expect(404);
    await cp.http().get('/v1/quality/runs/not-a-uuid').set(as(tenant.admin.token)).expect(404);
    // Another catalog's table is named as if it did not exist.
    await cp.http().get('/v1/quality/tables/other_catalog.silver.professional_claims').set(as(tenant.admin.token)).expect(404);
    expect((await cp.http().get('/v1/quality/anomalies').set(as(other.admin.token)).expect(200)).body.items).toEqual([]);
    expect((await cp.http().get('/v1/quality/trends?table=professional_claims').set(as(other.admin.token)).expect(200)).body.points).toEqual([]);

    await cp.http().put('/v1/webhook').set(as(tenant.admin.token)).send({ url: 'http://127.0.0.1:9/hook' }).expect(200);
    await cp.http().get('/v1/webhook').set(as(other.admin.token)).expect(404);
    await cp.http().post('/v1/webhook/rotate-secret').set(as(other.admin.token)).expect(404);
    await cp.http().delete('/v1/webhook').set(as(other.admin.token)).expect(404);
    expect((await cp.http().get('/v1/webhook/deliveries').set(as(other.admin.token)).expect(200)).body.items).toEqual([]);

    // A report naming another tenant's run is not stored for either tenant.
    const recorder = cp.app.get(QualityRecorder);
    await recorder.record(qualityMeasured({ tenantId: other.tenantId, runId, pipelineId: runId }, new Date(), { rows: 99 }));
    await cp.http().get(`/v1/quality/runs/${runId}`).set(as(other.admin.token)).expect(404);
    expect((await cp.http().get(`/v1/quality/runs/${runId}`).set(as(tenant.admin.token)).expect(200)).body.items[0].rows.input).toBe(1000);

    const operator = await operatorToken(cp);
    await cp.http().get('/v1/quality/alerts').set(as(operator)).expect(403);
  });

  it('lets a viewer read and only an admin change thresholds and the webhook', async () => {
    const report = await cp.http().get('/v1/quality/tables/silver.professional_claims').set(as(viewerToken)).expect(200);
    expect(report.body).toMatchObject({ table: QUALITY_TABLE, report: { runId, history: { runs: 0 } }, thresholds: { source: 'default', minQuality: 0.5, maxAnomaly: null, maxDrop: 0.2, updatedAt: null } });
    expect(report.body.report.expectations[0]).toMatchObject({ rule: 'npi.check_digit', failed: 10, samples: ['9999999999'] });
    await cp.http().get('/v1/quality/alerts/professional_claims').set(as(viewerToken)).expect(200);
    const hook = await cp.http().get('/v1/webhook').set(as(viewerToken)).expect(200);
    expect(hook.body).toMatchObject({ url: 'http://127.0.0.1:9/hook', secret: null });
    expect(hook.body.secretMasked).toMatch(/^\*{12}[0-9a-f]{4}$/);

    await cp.http().put('/v1/quality/alerts/professional_claims').set(as(viewerToken)).send({ minQuality: 0.9 }).expect(403);
    await cp.http().put('/v1/webhook').set(as(viewerToken)).send({ url: 'http://127.0.0.1:9/other' }).expect(403);
    await cp.http().post('/v1/webhook/rotate-secret').set(as(viewerToken)).expect(403);
    await cp.http().delete('/v1/webhook').set(as(viewerToken)).expect(403);
  });

  it('merges thresholds, rotates the secret once shown, and removes the webhook', async () => {
    const put = (body: unknown) => cp.http().put('/v1/quality/alerts/professional_claims').set(as(tenant.admin.token)).send(body as object);
    // The first setting starts from the defaults: the drop alert stays on until it is turned off.
    expect((await put({ minQuality: 0.9 }).expect(200)).body).toMatchObject({ table: QUALITY_TABLE, source: 'table', minQuality: 0.9, maxAnomaly: null, maxDrop: 0.2 });
    expect((await put({ maxAnomaly: 8 }).expect(200)).body).toMatchObject({ minQuality: 0.9, maxAnomaly: 8, maxDrop: 0.2 });
    expect((await put({ minQuality: null, maxDrop: 0.1 }).expect(200)).body).toMatchObject({ minQuality: null, maxAnomaly: 8, maxDrop: 0.1 });
    await put({ maxDrop: 0 }).expect(400);
    await put({ maxDrop: null }).expect(200);
    const read = await cp.http().get(`/v1/quality/alerts/${QUALITY_TABLE}`).set(as(tenant.admin.token)).expect(200);
    expect(read.body).toEqual({ thresholds: expect.objectContaining({ table: QUALITY_TABLE, minQuality: null, maxAnomaly: 8, maxDrop: null }), items: [] });

    const before = (await cp.http().get('/v1/webhook').set(as(tenant.admin.token)).expect(200)).body;
    const changed = await cp.http().put('/v1/webhook').set(as(tenant.admin.token)).send({ url: 'http://127.0.0.1:9/new' }).expect(200);
    expect(changed.body).toMatchObject({ url: 'http://127.0.0.1:9/new', secret: null, secretMasked: before.secretMasked });
    const rotated = await cp.http().post('/v1/webhook/rotate-secret').set(as(tenant.admin.token)).expect(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secretMasked).toBe(`************${rotated.body.secret.slice(-4)}`);
    expect((await cp.http().get('/v1/webhook').set(as(tenant.admin.token)).expect(200)).body.secret).toBeNull();

    await cp.http().delete('/v1/webhook').set(as(tenant.admin.token)).expect(204);
    await cp.http().get('/v1/webhook').set(as(tenant.admin.token)).expect(404);
    const again = await cp.http().put('/v1/webhook').set(as(tenant.admin.token)).send({ url: 'http://127.0.0.1:9/hook' }).expect(200);
    expect(again.body.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses webhook URLs on loopback, private and link-local addresses unless the config allows them', async () => {
    const strict = new WebhooksService(cp.app.get(WebhookEndpointsRepository), cp.app.get(WebhookDeliveriesRepository), new WebhookConfig(6, 1000, 5000, false), cp.app.get(SecretBox));
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:9/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://10.1.2.3/']) {
      await expect(strict.set(other.tenantId, url)).rejects.toMatchObject({ code: 'validation_failed', fields: [{ field: 'url', message: BLOCKED_TARGET_MESSAGE }] });
    }
    await cp.http().get('/v1/webhook').set(as(other.admin.token)).expect(404);
  });

  it('answers 400 naming the field for bad thresholds, URLs, tables and queries', async () => {
    const admin = as(tenant.admin.token);
    const cases: Array<[() => ReturnType<ReturnType<typeof cp.http>['get']>, string]> = [
      [() => cp.http().put('/v1/quality/alerts/professional_claims').set(admin).send({ minQuality: 1.5 }), 'minQuality'],
      [() => cp.http().put('/v1/quality/alerts/professional_claims').set(admin).send({ minQuality: '0.9' }), 'minQuality'],
      [() => cp.http().put('/v1/quality/alerts/professional_claims').set(admin).send({ maxAnomaly: 0 }), 'maxAnomaly'],
      [() => cp.http().put('/v1/quality/alerts/professional_claims').set(admin).send({}), '(request)'],
      [() => cp.http().put('/v1/quality/alerts/professional_claims').set(admin).send({ minQuality: 0.5, owner: 'x' }), '(request)'],
      [() => cp.http().put('/v1/quality/alerts/Bad-Table').set(admin).send({ minQuality: 0.5 }), 'table'],
      [() => cp.http().put('/v1/webhook').set(admin).send({ url: 'ftp://hooks.example.org/x' }), 'url'],
      [() => cp.http().put('/v1/webhook').set(admin).send({ url: 'not a url' }), 'url'],
      [() => cp.http().put('/v1/webhook').set(admin).send({}), 'url'],
      [() => cp.http().get('/v1/quality/tables/a.b.c.d').set(admin), 'table'],
      [() => cp.http().get('/v1/quality/tables/elsewhere.professional_claims').set(admin), 'table'],
      [() => cp.http().get('/v1/quality/trends').set(admin), 'table'],
      [() => cp.http().get('/v1/quality/trends?table=professional_claims&days=0').set(admin), 'days'],
      [() => cp.http().get('/v1/quality/trends?table=professional_claims&days=366').set(admin), 'days'],
      [() => cp.http().get('/v1/quality/anomalies?days=abc').set(admin), 'days'],
      [() => cp.http().get('/v1/quality/alerts?limit=0').set(admin), 'limit'],
    ];
    for (const [request, field] of cases) {
      const response = await request();
      expect({ status: response.status, error: response.body.error, fields: fieldsOf(response.body) }).toEqual({
        status: 400,
        error: 'validation_failed',
        fields: [field],
      });
    }
  });
});
