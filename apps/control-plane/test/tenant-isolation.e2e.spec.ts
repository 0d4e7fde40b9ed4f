import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, tokenFor, type TenantFixture } from './factories';

describe('tenant isolation and roles', () => {
  let cp: ControlPlaneHarness;
  let a: TenantFixture;
  let b: TenantFixture;
  let pipelineOfA: string;
  let runOfA: string;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'isolation' });
    a = await createTenant(cp);
    b = await createTenant(cp);
    pipelineOfA = (await cp.http().post('/v1/pipelines').set(as(a.admin.token)).send(pipelineBody()).expect(201)).body.id;
    runOfA = (await cp.http().post(`/v1/pipelines/${pipelineOfA}/runs`).set(as(a.admin.token)).expect(202)).body.id;
  });
  afterAll(() => cp?.close());

  it("answers 404 when tenant B reads, updates, deletes or triggers tenant A's pipeline", async () => {
    await cp.http().get(`/v1/pipelines/${pipelineOfA}`).set(as(b.admin.token)).expect(404);
    await cp.http().patch(`/v1/pipelines/${pipelineOfA}`).set(as(b.admin.token)).send({ schedule: null }).expect(404);
    await cp.http().delete(`/v1/pipelines/${pipelineOfA}`).set(as(b.admin.token)).expect(404);
    await cp.http().post(`/v1/pipelines/${pipelineOfA}/runs`).set(as(b.admin.token)).expect(404);
    await cp.http().get(`/v1/pipelines/${pipelineOfA}/runs`).set(as(b.admin.token)).expect(404);
    // and A's pipeline is untouched
    await cp.http().get(`/v1/pipelines/${pipelineOfA}`).set(as(a.admin.token)).expect(200);
  });

  it("answers 404 for tenant A's run and keeps it out of B's lists", async () => {
    const notFound = await cp.http().get(`/v1/runs/${runOfA}`).set(as(b.admin.token)).expect(404);
    expect(notFound.body).toEqual({ error: 'not_found', message: 'run not found' });
    const runsOfB = await cp.http().get('/v1/runs').set(as(b.admin.token)).expect(200);
    const pipelinesOfB = await cp.http().get('/v1/pipelines').set(as(b.admin.token)).expect(200);
    expect(runsOfB.body.items).toEqual([]);
    expect(pipelinesOfB.body.items).toEqual([]);
  });

  it("hides other tenants and answers a malformed id like a missing one", async () => {
    await cp.http().get(`/v1/tenants/${a.tenantId}`).set(as(b.admin.token)).expect(404);
    const listed = await cp.http().get('/v1/tenants').set(as(b.admin.token)).expect(200);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([b.tenantId]);
    await cp.http().get('/v1/pipelines/not-a-uuid').set(as(a.admin.token)).expect(404);
  });

  it('lets a viewer read but not change, and keeps operators out of tenant data', async () => {
    const viewer = { email: `viewer@${a.slug}.test`, password: 'viewer-password-1' };
    await cp.http().post('/v1/users').set(as(a.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    const viewerToken = await tokenFor(cp, viewer.email, viewer.password);
    await cp.http().get(`/v1/pipelines/${pipelineOfA}`).set(as(viewerToken)).expect(200);
    await cp.http().post(`/v1/pipelines/${pipelineOfA}/runs`).set(as(viewerToken)).expect(403);
    await cp.http().post('/v1/pipelines').set(as(viewerToken)).send(pipelineBody()).expect(403);
    await cp.http().post('/v1/tenants').set(as(a.admin.token)).send({ name: 'x', slug: 'xx' }).expect(403);
    const operator = await operatorToken(cp);
    await cp.http().get('/v1/pipelines').set(as(operator)).expect(403);
  });

  it("does not let a tenant admin create users in another tenant", async () => {
    await cp
      .http()
      .post('/v1/users')
      .set(as(b.admin.token))
      .send({ email: 'intruder@b.test', password: 'intruder-password', role: 'tenant_admin', tenantId: a.tenantId })
      .expect(404);
    await cp
      .http()
      .post('/v1/users')
      .set(as(b.admin.token))
      .send({ email: 'op@b.test', password: 'operator-password', role: 'platform_operator' })
      .expect(400);
  });
});
