import { statSync } from 'node:fs';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropQueuePrefix, eventually, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { startWorker, type WorkerHarness } from '../../data-plane-worker/test/worker.harness';
import { DEFAULT_COST_MODEL, type CostModel } from '../src/costs/cost-model';
import { superuserDb } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, type TenantFixture } from './factories';
import { as, createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';

const claims = (rows: number) =>
  ['claim_id,member_id,billing_npi,paid_amount', ...Array.from({ length: rows }, (_, i) => `C${i},M${i},1234567893,${(i % 90) + 10}.00`)].join('\n');

describe('cost tracking: runs measured by the worker, priced by the tenant’s cost model, reported per pipeline and month', () => {
  const queuePrefix = uniqueQueuePrefix('costs');
  let cp: ControlPlaneHarness;
  let worker: WorkerHarness;
  let db: Client;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;

  beforeAll(async () => {
    dataDir = await makeTempDir('costs');
    cp = await startControlPlane({ queuePrefix, label: 'costs' });
    worker = await startWorker({ queuePrefix, dataDir: dataDir.path });
    db = await superuserDb(cp);
    tenant = await createTenant(cp);
    await waitForCatalogReady(cp, tenant);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await cp?.close();
    await dropQueuePrefix(queuePrefix);
    await dataDir?.cleanup();
  });

  const costOf = async (runId: string) =>
    (
      await eventually(
        () => db.query(`SELECT engine, wall_ms::int, cpu_ms::int, shared_worker, bytes_read::int, bytes_skipped::int, bytes_written::int, rows_read::int, rows_written::int, cost_usd, spot_savings_usd, model FROM run_costs WHERE run_id = $1`, [runId]),
        (result) => result.rows.length === 1,
        { what: 'the run to be priced' },
      )
    ).rows[0];

  it('records what each run used and prices it; a second run that skips the landed file saves its cost', async () => {
    const path = await land(dataDir.path, tenant.tenantId, 'costed/claims.csv', claims(2000));
    const size = statSync(path).size;
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'costed', targetTable: 'healthcare_data.silver.costed' });
    const first = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    expect(first.status).toBe('succeeded');
    const firstCost = await costOf(first.id);
    expect(firstCost).toMatchObject({ engine: 'embedded', shared_worker: false, bytes_read: size, bytes_skipped: 0, rows_read: 2000, spot_savings_usd: 0, model: DEFAULT_COST_MODEL });
    expect(firstCost.rows_written).toBeGreaterThanOrEqual(4000);
    expect(firstCost.cpu_ms).toBeGreaterThan(0);
    expect(firstCost.bytes_written).toBeGreaterThan(0);
    expect(firstCost.cost_usd).toBeCloseTo((firstCost.cpu_ms / 1000) * DEFAULT_COST_MODEL.embedded.cpuSecondUsd, 12);

    const second = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    const secondCost = await costOf(second.id);
    expect(secondCost).toMatchObject({ bytes_read: 0, bytes_skipped: size, rows_read: 0 });

    const report = (await cp.http().get('/v1/costs').query({ pipeline: pipeline.id }).set(as(tenant.admin.token)).expect(200)).body;
    expect(report).toMatchObject({ currency: 'USD', groupBy: 'pipeline', pipelineId: pipeline.id, tenantId: tenant.tenantId });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ key: pipeline.id, label: pipeline.name, runs: 2, bytesRead: size, bytesSkipped: size, rowsRead: 2000 });
    expect(report.total.costUsd).toBeCloseTo(firstCost.cost_usd + secondCost.cost_usd, 12);
    // The skipped file is priced at the period's cost per byte read: what reading it again would have cost.
    expect(report.savings.skippedFiles.usd).toBeCloseTo((report.total.costUsd / size) * size, 12);
    expect(report.savings.skippedFiles.method).toContain('bytes of files skipped as already ingested');
    expect(report.savings.autoTermination).toEqual({ usd: 0, method: 'no Databricks runs in the period' });
    expect(report.pricing).toContain('worker CPU seconds while the run was in flight');
  });

  it('prices runs by the model an operator sets for the tenant from then on, keeping earlier runs’ prices', async () => {
    const operator = await operatorToken(cp);
    const model: CostModel = { ...DEFAULT_COST_MODEL, embedded: { cpuSecondUsd: 0.5 } };
    await cp.http().put(`/v1/tenants/${tenant.tenantId}/cost-model`).set(as(operator)).send(model).expect(200);
    expect((await cp.http().get(`/v1/tenants/${tenant.tenantId}/cost-model`).set(as(tenant.admin.token)).expect(200)).body).toEqual({ tenantId: tenant.tenantId, own: true, model });
    const refused = await cp.http().put(`/v1/tenants/${tenant.tenantId}/cost-model`).set(as(operator)).send({ ...model, embedded: { cpuSecondUsd: -1 } }).expect(400);
    expect(refused.body.fields[0].field).toBe('embedded.cpuSecondUsd');

    await land(dataDir.path, tenant.tenantId, 'repriced/claims.csv', claims(50));
    const pipeline = await createPipeline(cp, tenant, { sourcePath: 'repriced', targetTable: 'healthcare_data.silver.repriced' });
    const run = await waitForRunEnd(cp, tenant, await triggerRun(cp, tenant, pipeline.id));
    const cost = await costOf(run.id);
    expect(cost.model).toEqual(model);
    expect(cost.cost_usd).toBeCloseTo((cost.cpu_ms / 1000) * 0.5, 12);
  });

  it('reports twelve months by month, and operators every tenant’s totals but never a tenant’s pipelines', async () => {
    const monthly = (await cp.http().get('/v1/costs').query({ monthly: 'true' }).set(as(tenant.admin.token)).expect(200)).body;
    expect(monthly.groupBy).toBe('month');
    expect(monthly.period.months).toHaveLength(12);
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(monthly.period.months.at(-1)).toBe(thisMonth);
    expect(monthly.rows).toEqual([expect.objectContaining({ key: thisMonth, runs: 3 })]);

    const operator = await operatorToken(cp);
    const other = await createTenant(cp);
    const all = (await cp.http().get('/v1/costs').set(as(operator)).expect(200)).body;
    expect(all.groupBy).toBe('tenant');
    expect(all.rows).toEqual([expect.objectContaining({ key: tenant.tenantId, runs: 3 })]);
    expect(all.total.costUsd).toBeCloseTo(monthly.total.costUsd, 12);
    const refused = await cp.http().get('/v1/costs').query({ pipeline: '00000000-0000-4000-8000-000000000000' }).set(as(operator)).expect(400);
    expect(refused.body.fields).toEqual([{ field: 'pipeline', message: "is for tenant users: operators see tenants' totals" }]);
    // Another tenant sees nothing of this one's costs, and its model is not found.
    expect((await cp.http().get('/v1/costs').set(as(other.admin.token)).expect(200)).body.rows).toEqual([]);
    await cp.http().get(`/v1/tenants/${tenant.tenantId}/cost-model`).set(as(other.admin.token)).expect(404);
    await cp.http().get('/v1/costs').query({ month: '2026-13' }).set(as(tenant.admin.token)).expect(400);
  });
});
