import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterSpec } from '../src/clusters/cluster-profile';
import { ClusterNotFoundError, ClustersApi } from '../src/rest/clusters-api';
import { DatabricksRestError } from '../src/rest/rest-error';
import { WarehousesApi } from '../src/rest/warehouses-api';
import { WorkspaceClient } from '../src/rest/workspace-client';
import { FakeWorkspace } from './fake-workspace';

describe('the Clusters and SQL Warehouses APIs over HTTP, against a stand-in workspace', () => {
  let workspace: FakeWorkspace;
  let slept: number[];
  const client = (token = workspace.token, maxAttempts = 4) =>
    new WorkspaceClient({ host: workspace.host, token }, { sleep: async (ms) => void slept.push(ms), random: () => 0.5, maxAttempts, baseDelayMs: 100 });

  beforeEach(async () => {
    workspace = await new FakeWorkspace().start();
    slept = [];
  });
  afterEach(() => workspace.close());

  it('creates a cluster from its spec with a bearer token and an idempotency token', async () => {
    const spec = clusterSpec({ name: 'ingest', workload: 'ingestion', costLevel: 'economy' });
    const id = await new ClustersApi(client()).create(spec, 'token-1');
    const [request] = workspace.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/api/2.1/clusters/create', authorization: `Bearer ${workspace.token}`, body: { ...spec, idempotency_token: 'token-1' } });
    expect(await new ClustersApi(client()).get(id)).toMatchObject({ cluster_id: id, cluster_name: 'ingest', state: 'PENDING', autoscale: { min_workers: 1, max_workers: 4 } });
  });

  it('retries a create the workspace failed on its side, and the idempotency token keeps it one cluster', async () => {
    workspace.failNext('/api/2.1/clusters/create', { status: 503 }, 2);
    const id = await new ClustersApi(client()).create(clusterSpec({ name: 'q', workload: 'quality', costLevel: 'balanced' }), 'token-2');
    expect(workspace.requests.map((r) => r.path)).toEqual(Array(3).fill('/api/2.1/clusters/create'));
    // Full jitter with random 0.5: half of 100 ms, then half of 200 ms.
    expect(slept).toEqual([50, 100]);
    expect(await new ClustersApi(client()).create(clusterSpec({ name: 'q', workload: 'quality', costLevel: 'balanced' }), 'token-2')).toBe(id);
    expect(workspace.clusters.size).toBe(1);
  });

  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    workspace.failNext('/api/2.1/clusters/list', { status: 429, headers: { 'retry-after': '3' }, body: { error_code: 'REQUEST_LIMIT_EXCEEDED', message: 'Too many requests.' } });
    workspace.seedCluster({ cluster_name: 'a' });
    expect(await new ClustersApi(client()).list()).toHaveLength(1);
    expect(slept).toEqual([3000]);
  });

  it('gives up on a transient failure after its attempts, saying so, and never retries a 401 or a 403', async () => {
    workspace.failNext('/api/2.1/clusters/list', { status: 502 }, 5);
    await expect(new ClustersApi(client(workspace.token, 3)).list()).rejects.toMatchObject({ status: 502, failureClass: 'transient', message: "GET /api/2.1/clusters/list failed on the workspace's side (502)" });
    expect(workspace.requests).toHaveLength(3);

    const refused = await new ClustersApi(client('wrong-token')).list().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DatabricksRestError);
    expect(refused).toMatchObject({ status: 401, failureClass: 'configuration', message: 'the workspace refused DATABRICKS_TOKEN (401): it is wrong, expired or revoked' });
    workspace.failNext('/api/2.1/clusters/delete', { status: 403, body: { error_code: 'PERMISSION_DENIED', message: 'User does not have Can Manage permission.' } });
    await expect(new ClustersApi(client()).terminate('x')).rejects.toMatchObject({ status: 403, failureClass: 'configuration' });
    expect(workspace.requests.filter((r) => r.path === '/api/2.1/clusters/delete')).toHaveLength(1);
    expect(slept).toEqual([50, 100]);
  });

  it('reports a host that does not answer as transient, after retrying', async () => {
    const port = new URL(workspace.host).port;
    await workspace.close();
    const unreachable = new WorkspaceClient({ host: `http://127.0.0.1:${port}`, token: 't' }, { sleep: async (ms) => void slept.push(ms), maxAttempts: 2 });
    await expect(new ClustersApi(unreachable).list()).rejects.toMatchObject({ status: 0, failureClass: 'transient', message: 'GET /api/2.1/clusters/list: could not reach DATABRICKS_HOST' });
    expect(slept).toHaveLength(1);
    workspace = await new FakeWorkspace().start();
  });

  it('lists every page, finds a cluster by name, resizes and terminates it', async () => {
    for (const name of ['a', 'b', 'c', 'b']) workspace.seedCluster({ cluster_name: name, autoscale: { min_workers: 1, max_workers: 2 } });
    const clusters = new ClustersApi(client());
    expect((await clusters.list()).map((c) => c.cluster_name)).toEqual(['a', 'b', 'c', 'b']);
    expect(workspace.requests.map((r) => r.query['page_token'] ?? null)).toEqual([null, '2']);
    await expect(clusters.byName('b')).rejects.toThrow(new ClusterNotFoundError('2 clusters are named b; name one by its id'));
    await expect(clusters.byName('z')).rejects.toThrow(new ClusterNotFoundError('no cluster is named z'));
    const c = await clusters.byName('c');
    await clusters.resize(c.cluster_id, { min_workers: 2, max_workers: 6 });
    await clusters.terminate(c.cluster_id);
    expect(await clusters.get(c.cluster_id)).toMatchObject({ state: 'TERMINATED', autoscale: { min_workers: 2, max_workers: 6 } });
    await expect(clusters.resize(c.cluster_id, { min_workers: 1, max_workers: 2 })).rejects.toMatchObject({ status: 400, errorCode: 'INVALID_STATE', failureClass: 'configuration' });
  });

  it('reads every page of a cluster\'s events in a time window, oldest first', async () => {
    const cluster = workspace.seedCluster({ cluster_name: 'e' }, [1, 2, 3, 4, 5].map((n) => ({ timestamp: n * 1000, type: n === 1 ? 'RUNNING' : 'UPSIZE_COMPLETED', details: { current_num_workers: n } })));
    const events = await new ClustersApi(client()).events(cluster.cluster_id, 2000, 5000);
    expect(events.map((e) => e.timestamp)).toEqual([2000, 3000, 4000, 5000]);
    expect(workspace.requests.map((r) => r.body?.['offset'] ?? 0)).toEqual([0, 2]);
  });

  it('lists SQL warehouses and sets their auto-stop, passing on what the workspace refuses', async () => {
    workspace.warehouses.push({ id: 'wh1', name: 'bi', auto_stop_mins: 0, cluster_size: 'Small', state: 'RUNNING' });
    const warehouses = new WarehousesApi(client());
    expect(await warehouses.list()).toEqual([expect.objectContaining({ id: 'wh1', auto_stop_mins: 0 })]);
    await warehouses.setAutoStop('wh1', 15);
    expect(workspace.warehouses[0]!.auto_stop_mins).toBe(15);
    await expect(warehouses.setAutoStop('wh1', 3)).rejects.toMatchObject({ status: 400, message: 'POST /api/2.0/sql/warehouses/wh1/edit was refused (400 INVALID_PARAMETER_VALUE): auto_stop_mins must be 0 or at least 10.' });
  });
});
