import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { eventually } from '@ade/testing';
import type { ControlPlaneHarness } from './control-plane.harness';
import { pipelineBody, type TenantFixture } from './factories';

export const as = (token: string) => ({ authorization: `Bearer ${token}` });

export async function waitForCatalogReady(cp: ControlPlaneHarness, tenant: TenantFixture): Promise<void> {
  await eventually(
    async () => (await cp.http().get('/v1/catalog').set(as(tenant.admin.token))).body,
    (catalog) => catalog.status === 'ready',
    { what: 'the tenant catalog to be ready' },
  );
}

/** Writes a file into the tenant's landing zone, where relative source paths resolve. */
export async function land(dataDir: string, tenantId: string, relativePath: string, content: string): Promise<string> {
  const path = join(dataDir, 'tenants', tenantId, 'landing', relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

export async function createPipeline(cp: ControlPlaneHarness, tenant: TenantFixture, overrides: Record<string, unknown> = {}) {
  const response = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody(overrides)).expect(201);
  return response.body as { id: string; name: string; targetTable: string };
}

export async function triggerRun(cp: ControlPlaneHarness, tenant: TenantFixture, pipelineId: string): Promise<string> {
  return (await cp.http().post(`/v1/pipelines/${pipelineId}/runs`).set(as(tenant.admin.token)).expect(202)).body.id;
}

export interface RunBody {
  id: string;
  status: string;
  attempt: number;
  bronzeTable: string | null;
  counts: { rowsLoaded: number; filesLoaded: number; filesSkipped: number };
  error: { code: string; message: string } | null;
  durationMs: number | null;
}

export async function getRun(cp: ControlPlaneHarness, tenant: TenantFixture, runId: string): Promise<RunBody> {
  return (await cp.http().get(`/v1/runs/${runId}`).set(as(tenant.admin.token)).expect(200)).body;
}

export function waitForRunEnd(cp: ControlPlaneHarness, tenant: TenantFixture, runId: string, timeoutMs = 30_000): Promise<RunBody> {
  return eventually(
    () => getRun(cp, tenant, runId),
    (run) => run.status === 'succeeded' || run.status === 'failed',
    { timeoutMs, what: `run ${runId} to finish` },
  );
}
