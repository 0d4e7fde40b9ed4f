import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData, LineageEdge } from '@ade/contracts';
import { LineageRepository } from '../src/lineage/lineage.repository';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, tokenFor, type TenantFixture } from './factories';
import { as, createPipeline, triggerRun } from './run-flow';
import { workerEvents, type EventSender } from './worker-events';

const C = 'healthcare_data';
const file = (name: string, target: string, rows: number): LineageEdge => ({ source: { kind: 'file', name }, target, rows });
const table = (name: string, target: string, rows: number): LineageEdge => ({ source: { kind: 'table', name }, target, rows });

interface Graph {
  table: string;
  nodes: Array<{ id: string; kind: string; name: string }>;
  edges: Array<{ source: string; target: string; runId: string; rows: number; recordedAt: string }>;
}

describe('lineage: worker edges → GET /v1/lineage', () => {
  let cp: ControlPlaneHarness;
  let events: EventSender;
  let tenant: TenantFixture;
  let claimsPipeline: string;
  let providersPipeline: string;
  let firstRun: string;

  const lineage = (edges: LineageEdge[], runId: string, pipelineId: string, attempt = 1, of: TenantFixture = tenant): EventData<'lineage.recorded'> => ({
    tenantId: of.tenantId,
    runId,
    attempt,
    at: new Date().toISOString(),
    pipelineId,
    edges,
  });
  const graph = async (query: string, token = tenant.admin.token): Promise<Graph> =>
    (await cp.http().get(`/v1/lineage?${query}`).set(as(token)).expect(200)).body;
  const tablesOf = (g: Graph) => g.nodes.filter((n) => n.kind === 'table').map((n) => n.name);

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'lineage' });
    events = workerEvents(cp);
    tenant = await createTenant(cp);
    claimsPipeline = (await createPipeline(cp, tenant, { targetTable: `${C}.silver.professional_claims` })).id;
    providersPipeline = (await createPipeline(cp, tenant, { targetTable: `${C}.silver.providers`, dataType: 'providers' })).id;
    firstRun = await triggerRun(cp, tenant, claimsPipeline);
    await events.send({
      name: 'lineage.recorded',
      data: lineage(
        [
          file('claims/2026-02.csv', `${C}.bronze.professional_claims`, 3),
          file('claims/2026-03.csv', `${C}.bronze.professional_claims`, 2),
          table(`${C}.bronze.professional_claims`, `${C}.silver.professional_claims`, 4),
          table(`${C}.bronze.professional_claims`, `${C}.silver.professional_claims_quarantine`, 1),
          table(`${C}.silver.professional_claims`, `${C}.gold.claims_by_month`, 4),
          table(`${C}.silver.professional_claims`, `${C}.gold.claims_by_provider`, 4),
        ],
        firstRun,
        claimsPipeline,
      ),
    });
    const providersRun = await triggerRun(cp, tenant, providersPipeline);
    await events.send({
      name: 'lineage.recorded',
      data: lineage(
        [
          file('providers/nppes.csv', `${C}.bronze.providers`, 9),
          table(`${C}.bronze.providers`, `${C}.silver.providers`, 9),
          table(`${C}.silver.providers`, `${C}.gold.claims_by_provider`, 9),
          table(`${C}.silver.providers`, `${C}.gold.provider_directory`, 9),
        ],
        providersRun,
        providersPipeline,
      ),
    });
  });
  afterAll(async () => {
    await events?.close();
    await cp?.close();
  });

  it('serves a silver table with its bronze table and files upstream, gold and quarantine downstream', async () => {
    const g = await graph('table=professional_claims');
    expect(g.table).toBe(`${C}.silver.professional_claims`);
    expect(g.nodes).toEqual([
      { id: 'file:claims/2026-02.csv', kind: 'file', name: 'claims/2026-02.csv' },
      { id: 'file:claims/2026-03.csv', kind: 'file', name: 'claims/2026-03.csv' },
      { id: `table:${C}.bronze.professional_claims`, kind: 'table', name: `${C}.bronze.professional_claims` },
      { id: `table:${C}.silver.professional_claims`, kind: 'table', name: `${C}.silver.professional_claims` },
      { id: `table:${C}.silver.professional_claims_quarantine`, kind: 'table', name: `${C}.silver.professional_claims_quarantine` },
      { id: `table:${C}.gold.claims_by_month`, kind: 'table', name: `${C}.gold.claims_by_month` },
      { id: `table:${C}.gold.claims_by_provider`, kind: 'table', name: `${C}.gold.claims_by_provider` },
    ]);
    expect(g.edges.map((e) => `${e.source} -> ${e.target} ${e.rows}`)).toEqual([
      `file:claims/2026-02.csv -> table:${C}.bronze.professional_claims 3`,
      `file:claims/2026-03.csv -> table:${C}.bronze.professional_claims 2`,
      `table:${C}.bronze.professional_claims -> table:${C}.silver.professional_claims 4`,
      `table:${C}.bronze.professional_claims -> table:${C}.silver.professional_claims_quarantine 1`,
      `table:${C}.silver.professional_claims -> table:${C}.gold.claims_by_month 4`,
      `table:${C}.silver.professional_claims -> table:${C}.gold.claims_by_provider 4`,
    ]);
    expect(new Set(g.edges.map((e) => e.runId))).toEqual(new Set([firstRun]));
    expect(typeof g.edges[0]!.recordedAt).toBe('string');
  });

  it('accepts schema.table and catalog.schema.table, and follows a gold table up every input', async () => {
    expect(tablesOf(await graph('table=bronze.professional_claims'))).toEqual([
      `${C}.bronze.professional_claims`,
      `${C}.silver.professional_claims`,
      `${C}.silver.professional_claims_quarantine`,
      `${C}.gold.claims_by_month`,
      `${C}.gold.claims_by_provider`,
    ]);
    const gold = await graph(`table=${C}.gold.claims_by_provider`);
    expect(tablesOf(gold)).toEqual([
      `${C}.bronze.professional_claims`,
      `${C}.bronze.providers`,
      `${C}.silver.professional_claims`,
      `${C}.silver.providers`,
      `${C}.gold.claims_by_provider`,
    ]);
    expect(gold.nodes.filter((n) => n.kind === 'file').map((n) => n.name)).toEqual(['claims/2026-02.csv', 'claims/2026-03.csv', 'providers/nppes.csv']);
  });

  it('stores an edge once per run however often it is delivered, and a later attempt replaces the counts', async () => {
    const runId = await triggerRun(cp, tenant, claimsPipeline);
    const edges = [file('claims/2026-04.csv', `${C}.bronze.professional_claims`, 5), table(`${C}.bronze.professional_claims`, `${C}.silver.professional_claims`, 5)];
    const repository = cp.app.get(LineageRepository);
    await repository.record(lineage(edges, runId, claimsPipeline, 1));
    await repository.record(lineage(edges, runId, claimsPipeline, 1));
    const retried = [file('claims/2026-04.csv', `${C}.bronze.professional_claims`, 6), table(`${C}.bronze.professional_claims`, `${C}.silver.professional_claims`, 6)];
    await events.send({ name: 'lineage.recorded', data: lineage(retried, runId, claimsPipeline, 2) });
    // The first attempt's event arriving late changes nothing.
    await repository.record(lineage(edges, runId, claimsPipeline, 1));
    const ofRun = (await graph('table=professional_claims')).edges.filter((e) => e.runId === runId);
    expect(ofRun.map((e) => `${e.source} ${e.rows}`)).toEqual(['file:claims/2026-04.csv 6', `table:${C}.bronze.professional_claims 6`]);

    // Newest run first; limit counts runs.
    const latest = await graph('table=professional_claims&limit=1');
    expect(new Set(latest.edges.map((e) => e.runId))).toEqual(new Set([runId]));
    expect((await graph('table=professional_claims&limit=2')).edges.at(-1)!.runId).toBe(firstRun);
  });

  it('lets a viewer read, keeps operators out and names the bad field', async () => {
    const viewer = { email: `viewer@${tenant.slug}.test`, password: 'viewer-password-1' };
    await cp.http().post('/v1/users').set(as(tenant.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
    expect((await graph('table=professional_claims', await tokenFor(cp, viewer.email, viewer.password))).edges.length).toBeGreaterThan(0);
    await cp.http().get('/v1/lineage?table=professional_claims').set(as(await operatorToken(cp))).expect(403);
    for (const [query, field] of [
      ['', 'table'],
      ['table=Claims-2026', 'table'],
      ['table=a.b.c.d', 'table'],
      ['table=_system.catalog_info', 'table'],
      ['table=claims&limit=0', 'limit'],
      ['table=claims&owner=x', '(request)'],
    ] as const) {
      const response = await cp.http().get(`/v1/lineage?${query}`).set(as(tenant.admin.token)).expect(400);
      expect(response.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    }
  });

  it("isolates tenants: another tenant's catalog is 404, its own table an empty graph, forged edges are dropped", async () => {
    const other = await createTenant(cp, { catalogName: 'other_catalog' });
    await cp.http().get('/v1/lineage?table=other_catalog.silver.professional_claims').set(as(tenant.admin.token)).expect(404);
    const foreign = await cp.http().get(`/v1/lineage?table=${C}.silver.professional_claims`).set(as(other.admin.token)).expect(404);
    expect(foreign.body).toEqual({ error: 'not_found', message: 'table not found' });
    expect(await graph('table=professional_claims', other.admin.token)).toEqual({ table: 'other_catalog.silver.professional_claims', nodes: [], edges: [] });

    // An event naming the other tenant with this tenant's run is not stored for either.
    const before = await graph('table=professional_claims&limit=500');
    await events.send({
      name: 'lineage.recorded',
      data: lineage([table('other_catalog.bronze.professional_claims', 'other_catalog.silver.professional_claims', 1)], firstRun, claimsPipeline, 3, other),
    });
    expect(await graph('table=professional_claims', other.admin.token)).toMatchObject({ nodes: [], edges: [] });
    expect(await graph('table=professional_claims&limit=500')).toEqual(before);

    // Same catalog name, another tenant: the name resolves in its own catalog, which has no edges.
    const twin = await createTenant(cp);
    expect(await graph('table=professional_claims', twin.admin.token)).toEqual({ table: `${C}.silver.professional_claims`, nodes: [], edges: [] });
  });
});
