import { planLimitRefusal } from '@ade/contracts';
import type { ClustersApi } from '@ade/databricks';
import { CliError, type CliIo } from '../cli-io';
import { readCredentials } from '../credentials';
import { authenticatedClient } from '../session';

interface PlanView {
  plan: { id: string; name: string | null; limits: { databricksClusters: number | null } | null };
}

/**
 * The tenant plan's limit on Databricks clusters, for `ade cluster create` run by a signed-in
 * tenant user: the clusters `ade` created in the workspace (tagged `ade_managed`) that have not
 * terminated count against it. Without a saved login, or for an operator (no tenant), there is
 * no plan to check against.
 */
export async function assertClusterRoom(io: CliIo, clusters: ClustersApi): Promise<void> {
  if (!(await readCredentials(io.env))) return;
  const client = await authenticatedClient(io, undefined);
  const me = await client.get<{ tenantId: string | null }>('/v1/auth/me');
  if (!me.tenantId) return;
  const { plan } = await client.get<PlanView>('/v1/billing');
  const cap = plan.limits?.databricksClusters ?? null;
  if (cap === null) return;
  const managed = (await clusters.list()).filter((cluster) => cluster.custom_tags?.['ade_managed'] === 'true' && cluster.state !== 'TERMINATED');
  if (managed.length < cap) return;
  throw new CliError(planLimitRefusal({ id: plan.id, name: plan.name ?? plan.id }, cap, 'Databricks clusters', managed.length));
}
