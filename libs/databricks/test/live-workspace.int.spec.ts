import { describe, expect, it } from 'vitest';
import { ClustersApi } from '../src/rest/clusters-api';
import { WarehousesApi } from '../src/rest/warehouses-api';
import { WorkspaceClient } from '../src/rest/workspace-client';
import { workspaceConfigFromEnv } from '../src/rest/workspace-config';

const live = Boolean(process.env['DATABRICKS_HOST'] && process.env['DATABRICKS_TOKEN']);

/**
 * The same reads against a real workspace when DATABRICKS_HOST and DATABRICKS_TOKEN are set
 * (read-only: nothing is created, resized or stopped); reported as skipped otherwise, never passed.
 */
describe.skipIf(!live)('a live Databricks workspace (DATABRICKS_HOST, DATABRICKS_TOKEN)', () => {
  const client = () => new WorkspaceClient(workspaceConfigFromEnv(process.env));

  it('lists clusters with the fields ade reads, and reads the events of one', async () => {
    const clusters = await new ClustersApi(client()).list();
    for (const cluster of clusters) expect(cluster).toMatchObject({ cluster_id: expect.any(String), cluster_name: expect.any(String), state: expect.any(String) });
    if (clusters[0]) {
      const to = Date.now();
      const events = await new ClustersApi(client()).events(clusters[0].cluster_id, to - 24 * 3_600_000, to);
      for (const event of events) expect(event).toMatchObject({ timestamp: expect.any(Number), type: expect.any(String) });
    }
  });

  it('lists SQL warehouses with their auto-stop', async () => {
    for (const warehouse of await new WarehousesApi(client()).list()) expect(warehouse).toMatchObject({ id: expect.any(String), name: expect.any(String) });
  });
});
