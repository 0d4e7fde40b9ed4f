import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ade/config';
import { EnvironmentEngineCredentials } from '../lakehouse/engine-credentials';
import { loadWorkerConfig } from './worker.config';

const TENANT = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const base = { REDIS_URL: 'redis://127.0.0.1:6379', QUEUE_SIGNING_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };
const workspace = { WORKER_DATABRICKS_HOST: 'https://dbc-1234abcd-5678.cloud.databricks.com', WORKER_DATABRICKS_HTTP_PATH: '/sql/1.0/warehouses/0123456789abcdef' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadWorkerConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("a dedicated worker's own Databricks workspace", () => {
  it('is not there unless given: the worker then asks the control plane', () => {
    expect(loadWorkerConfig(base).worker.databricks).toBeNull();
  });

  it('takes a token or a service principal, keeps the secret wrapped, and hands it only for the tenants it serves', async () => {
    const config = loadWorkerConfig({ ...base, WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-from-the-tenant-cloud' }).worker;
    expect(JSON.stringify(config.databricks)).not.toContain('dapi-from-the-tenant-cloud');
    const source = new EnvironmentEngineCredentials(config.databricks!, [TENANT]);
    expect(await source.fetch(TENANT)).toEqual({
      tenantId: TENANT,
      kind: 'databricks',
      host: workspace.WORKER_DATABRICKS_HOST,
      httpPath: workspace.WORKER_DATABRICKS_HTTP_PATH,
      credentials: { token: 'dapi-from-the-tenant-cloud' },
      access: { readers: [], phiReaders: [] },
    });
    await expect(source.fetch('6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b')).rejects.toMatchObject({ kind: 'access_denied' });

    const oauth = loadWorkerConfig({ ...base, WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_CLIENT_ID: 'sp', WORKER_DATABRICKS_CLIENT_SECRET: 'dose-secret-1' }).worker;
    expect((await new EnvironmentEngineCredentials(oauth.databricks!, [TENANT]).fetch(TENANT)).credentials).toEqual({ clientId: 'sp', clientSecret: 'dose-secret-1' });
  });

  it('takes the reader groups as comma-separated lists, and names the variable of a bad group', async () => {
    const env = { ...base, WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789' };
    const config = loadWorkerConfig({ ...env, WORKER_DATABRICKS_READER_GROUPS: ' payer analysts, bi.team@payer ,', WORKER_DATABRICKS_PHI_READER_GROUPS: 'care management' }).worker;
    expect((await new EnvironmentEngineCredentials(config.databricks!, [TENANT]).fetch(TENANT)).access).toEqual({ readers: ['payer analysts', 'bi.team@payer'], phiReaders: ['care management'] });
    expect(problemsOf({ WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789', WORKER_DATABRICKS_PHI_READER_GROUPS: 'ok,not`ok' })).toEqual([
      'WORKER_DATABRICKS_PHI_READER_GROUPS: must be an account group name: letters, digits, spaces and _ . @ + -',
    ]);
    expect(problemsOf({ WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789', WORKER_DATABRICKS_READER_GROUPS: "o'brien" })).toEqual([
      'WORKER_DATABRICKS_READER_GROUPS: must be an account group name: letters, digits, spaces and _ . @ + -',
    ]);
  });

  it('is refused on a pooled worker, and names each missing or bad variable without echoing a secret', () => {
    expect(problemsOf({ ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789' })).toEqual([
      "WORKER_DATABRICKS_HOST: only a dedicated worker (WORKER_TENANTS=<tenant ids>) takes a Databricks workspace from its environment; a pooled worker fetches each tenant's from the control plane",
    ]);
    expect(problemsOf({ WORKER_TENANTS: TENANT, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789' })).toEqual([
      'WORKER_DATABRICKS_HOST: must be set (the workspace URL) with the other WORKER_DATABRICKS_ variables',
      "WORKER_DATABRICKS_HTTP_PATH: must be set (the SQL warehouse's or cluster's HTTP path) with the other WORKER_DATABRICKS_ variables",
    ]);
    const both = problemsOf({ WORKER_TENANTS: TENANT, ...workspace, WORKER_DATABRICKS_TOKEN: 'dapi-0123456789', WORKER_DATABRICKS_CLIENT_ID: 'sp', WORKER_DATABRICKS_CLIENT_SECRET: 'dose-secret-1' });
    expect(both).toEqual(['WORKER_DATABRICKS_TOKEN: set it, or WORKER_DATABRICKS_CLIENT_ID with WORKER_DATABRICKS_CLIENT_SECRET (an OAuth service principal), but not both']);
    const bad = problemsOf({ WORKER_TENANTS: TENANT, WORKER_DATABRICKS_HOST: 'http://dbc.cloud.databricks.com', WORKER_DATABRICKS_HTTP_PATH: '/sql/1.0/endpoints/x', WORKER_DATABRICKS_TOKEN: 'dapi-0123456789' });
    expect(bad).toEqual([
      'WORKER_DATABRICKS_HOST: must be the workspace URL, https://...',
      'WORKER_DATABRICKS_HTTP_PATH: must be a SQL warehouse path (/sql/1.0/warehouses/<id>) or a cluster path (sql/protocolv1/o/<workspace id>/<cluster id>)',
    ]);
    expect(JSON.stringify(bad)).not.toContain('dapi-0123456789');
  });
});
