import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '@ade/contracts';
import { IncidentsRepository } from '../src/incidents/incidents.repository';
import { RunsRepository } from '../src/runs/runs.repository';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { createPipeline, triggerRun } from './run-flow';

describe('incident outcomes (real PostgreSQL)', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let incidents: IncidentsRepository;
  let runs: RunsRepository;

  const incident = (runId: string, pipelineId: string, action: EventData<'incident.recorded'>['action']): EventData<'incident.recorded'> => ({
    tenantId: tenant.tenantId,
    runId,
    pipelineId,
    attempt: 1,
    at: new Date().toISOString(),
    incidentId: randomUUID(),
    failureClass: action === 'quarantine_file' ? 'data' : 'transient',
    error: { code: action === 'quarantine_file' ? 'source_unreadable' : 'catalog_unavailable', message: 'm' },
    action,
    file: null,
  });
  const finish = (runId: string) =>
    runs.markSucceeded({
      tenantId: tenant.tenantId,
      runId,
      attempt: 2,
      at: new Date().toISOString(),
      bronzeTable: 'healthcare_data.bronze.x',
      counts: { rowsLoaded: 1, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 },
      durationMs: 5,
    });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'incidents' });
    tenant = await createTenant(cp);
    incidents = cp.app.get(IncidentsRepository);
    runs = cp.app.get(RunsRepository);
  });
  afterAll(() => cp?.close());

  it('settles pending incidents when the run ends, never calling a quarantine resolved', async () => {
    const pipeline = await createPipeline(cp, tenant);
    const runId = await triggerRun(cp, tenant, pipeline.id);
    await incidents.record(incident(runId, pipeline.id, 'retry'));
    await incidents.record(incident(runId, pipeline.id, 'quarantine_file'));
    expect((await incidents.tally(tenant.tenantId, pipeline.id)).pending).toBe(2);
    await finish(runId);
    await incidents.settleForRun(tenant.tenantId, runId, true, new Date().toISOString());
    expect(await incidents.tally(tenant.tenantId, pipeline.id)).toEqual({ total: 2, resolved: 1, unresolved: 1, pending: 0 });
  });

  it('settles at once an incident that arrives after its run has ended', async () => {
    const pipeline = await createPipeline(cp, tenant);
    const runId = await triggerRun(cp, tenant, pipeline.id);
    await finish(runId);
    await incidents.record(incident(runId, pipeline.id, 'retry'));
    expect(await incidents.tally(tenant.tenantId, pipeline.id)).toEqual({ total: 1, resolved: 1, unresolved: 0, pending: 0 });
  });

  it("ignores an incident for another tenant's run", async () => {
    const other = await createTenant(cp);
    const pipeline = await createPipeline(cp, tenant);
    const runId = await triggerRun(cp, tenant, pipeline.id);
    await incidents.record({ ...incident(runId, pipeline.id, 'retry'), tenantId: other.tenantId });
    expect((await incidents.tally(other.tenantId, null)).total).toBe(0);
    expect((await incidents.tally(tenant.tenantId, pipeline.id)).total).toBe(0);
  });
});
