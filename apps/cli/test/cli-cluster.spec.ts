import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeWorkspace } from '../../../libs/databricks/test/fake-workspace';
import { cliRunner } from './cli-harness';

const HOUR = 3_600_000;

describe('ade cluster and ade warehouse, against a stand-in Databricks workspace', () => {
  let workspace: FakeWorkspace;
  let ade: ReturnType<typeof cliRunner>;

  beforeEach(async () => {
    workspace = await new FakeWorkspace().start();
    // No saved login (whatever the machine's user has): no tenant plan is checked here (cli-billing.e2e.spec.ts checks it).
    ade = cliRunner({ DATABRICKS_HOST: workspace.host, DATABRICKS_TOKEN: workspace.token, ADE_CONFIG_DIR: '/nonexistent/ade-cluster-spec' });
  });
  afterEach(() => workspace.close());

  it('prints the spec of a workload type at a cost level with --dry-run, without a workspace', async () => {
    const dry = await cliRunner({})('cluster', 'create', 'nightly', 'ingestion', '--cost-level', 'balanced', '--dry-run');
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      cluster_name: 'nightly', node_type_id: 'i3.2xlarge', autoscale: { min_workers: 2, max_workers: 8 }, autotermination_minutes: 20,
      aws_attributes: { availability: 'SPOT_WITH_FALLBACK', first_on_demand: 2 },
    });
    expect(workspace.requests).toEqual([]);
    expect(await cliRunner({})('cluster', 'create', 'x', 'gpu', '--cost-level', 'economy', '--dry-run')).toMatchObject({ code: 2, stderr: 'ade: workload type must be one of ingestion, quality, analytics, ml\n' });
    expect(await cliRunner({})('cluster', 'create', 'x', 'quality', '--dry-run')).toMatchObject({ code: 2, stderr: 'ade: --cost-level must be one of economy, balanced, performance\n' });
    expect(await cliRunner({})('cluster', 'create', 'x', 'ml', '--cost-level', 'economy', '--dry-run')).toMatchObject({ code: 2, stderr: expect.stringContaining('give --owner') });
  });

  it('creates, lists, resizes and terminates a cluster by name', async () => {
    const created = await ade('cluster', 'create', 'dq', 'quality', '--cost-level', 'economy', '--json');
    expect(created.code).toBe(0);
    const { clusterId } = JSON.parse(created.stdout);
    expect(workspace.requests[0]).toMatchObject({ path: '/api/2.1/clusters/create', body: { cluster_name: 'dq', idempotency_token: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    workspace.clusters.get(clusterId)!.state = 'RUNNING';

    const listed = await ade('cluster', 'list');
    expect(listed.stdout.split('\n').slice(0, 2).map((line) => line.split(/\s{2,}/))).toEqual([
      ['NAME', 'STATE', 'WORKERS', 'NODE', 'AUTO-STOP'],
      ['dq', 'RUNNING', '1-4', 'i3.xlarge', '15 min'],
    ]);
    expect(await ade('cluster', 'resize', 'dq', '--min', '2', '--max', '6')).toMatchObject({ code: 0, stdout: 'Cluster dq now scales between 2 and 6 workers\n' });
    expect(workspace.clusters.get(clusterId)!.autoscale).toEqual({ min_workers: 2, max_workers: 6 });
    expect(await ade('cluster', 'resize', 'dq', '--min', '3', '--max', '2')).toMatchObject({ code: 2 });
    expect(await ade('cluster', 'terminate', 'dq')).toMatchObject({ code: 0, stdout: 'Cluster dq is terminating\n' });
    expect(workspace.clusters.get(clusterId)!.state).toBe('TERMINATED');
    expect(await ade('cluster', 'terminate', 'nope')).toMatchObject({ code: 1, stderr: 'ade: no cluster is named nope\n' });
  });

  it('creates a cluster policy for a workload type and cost level, and prints it with --dry-run', async () => {
    const dry = await cliRunner({})('cluster', 'policy', 'analysts', 'analytics', '--cost-level', 'balanced', '--dry-run');
    expect(JSON.parse(dry.stdout)).toMatchObject({ 'autoscale.max_workers': { type: 'range', maxValue: 4 }, 'custom_tags.ade_workload': { type: 'fixed', value: 'analytics' } });
    const created = await ade('cluster', 'policy', 'analysts', 'analytics', '--cost-level', 'balanced', '--json');
    expect(created.code).toBe(0);
    const [policy] = workspace.policies;
    expect(JSON.parse(created.stdout)).toMatchObject({ policyId: policy!.policy_id, name: 'analysts' });
    expect(JSON.parse(policy!.definition)).toEqual(JSON.parse(dry.stdout));
    expect(await ade('cluster', 'policy', 'analysts', 'analytics', '--cost-level', 'economy')).toMatchObject({
      code: 1,
      stderr: 'ade: POST /api/2.0/policies/clusters/create was refused (400 RESOURCE_ALREADY_EXISTS): Policy with name analysts already exists\n',
    });
  });

  it('estimates DBUs and cost from the clusters events over the window', async () => {
    const now = Date.now();
    workspace.seedCluster({ cluster_name: 'etl', state: 'TERMINATED', autoscale: { min_workers: 1, max_workers: 4 }, autotermination_minutes: 15 }, [
      { timestamp: now - 5 * HOUR, type: 'RUNNING', details: { current_num_workers: 1 } },
      { timestamp: now - 4 * HOUR, type: 'UPSIZE_COMPLETED', details: { current_num_workers: 3 } },
      { timestamp: now - 2 * HOUR, type: 'TERMINATING' },
    ]);
    workspace.seedCluster({ cluster_name: 'odd', node_type_id: 'm5.xlarge', driver_node_type_id: 'm5.xlarge', num_workers: 2, autotermination_minutes: 0 });
    const monitored = await ade('cluster', 'monitor', '--cost-analysis', '--hours', '24', '--dbu-price', '0.5', '--json');
    expect(monitored.code).toBe(0);
    // i3.xlarge is 1 DBU/h: 1 h with the driver and 1 worker, then 2 h with 3 workers.
    expect(JSON.parse(monitored.stdout)).toEqual({
      windowHours: 24,
      dbuPriceUsd: 0.5,
      clusters: [
        expect.objectContaining({ name: 'etl', state: 'TERMINATED', workers: '1-4', usage: { hours: 3, dbus: 10, estimatedCostUsd: 5 } }),
        expect.objectContaining({ name: 'odd', workers: '2', autoterminationMinutes: 0, usage: null }),
      ],
    });
    const text = await ade('cluster', 'monitor', 'etl', '--cost-analysis', '--dbu-price', '0.5');
    expect(text.stdout.split('\n')[1]!.split(/\s{2,}/)).toEqual(['etl', 'TERMINATED', '1-4', 'i3.xlarge', '15 min', '3.0', '10.0', '5.00']);
  });

  it('reports and sets SQL warehouse auto-stop, flagging one that never stops', async () => {
    workspace.warehouses.push({ id: 'abc123', name: 'reporting', state: 'RUNNING', cluster_size: 'Small', auto_stop_mins: 0 });
    const listed = await ade('warehouse', 'list', '--json');
    expect(JSON.parse(listed.stdout)).toEqual([{ id: 'abc123', name: 'reporting', state: 'RUNNING', size: 'Small', autoStopMinutes: 0, neverStops: true }]);
    expect(await ade('warehouse', 'auto-stop', 'abc123', '20')).toMatchObject({ code: 0, stdout: 'Warehouse abc123 now stops after 20 idle minutes\n' });
    expect(workspace.warehouses[0]!.auto_stop_mins).toBe(20);
    expect(await ade('warehouse', 'auto-stop', 'abc123', '5')).toMatchObject({ code: 1, stderr: 'ade: POST /api/2.0/sql/warehouses/abc123/edit was refused (400 INVALID_PARAMETER_VALUE): auto_stop_mins must be 0 or at least 10.\n' });
  });

  it('names the setting when the workspace is not configured or refuses the token', async () => {
    expect(await cliRunner({ DATABRICKS_TOKEN: 't' })('cluster', 'list')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ade: DATABRICKS_HOST is not set/) });
    expect(await cliRunner({ DATABRICKS_HOST: workspace.host })('cluster', 'list')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ade: DATABRICKS_TOKEN is not set/) });
    expect(await cliRunner({ DATABRICKS_HOST: workspace.host, DATABRICKS_TOKEN: 'revoked' })('cluster', 'list')).toMatchObject({
      code: 1,
      stderr: 'ade: the workspace refused DATABRICKS_TOKEN (401): it is wrong, expired or revoked\n',
    });
  });
});
