import { LakehouseError } from '@ade/lakehouse';
import { engineCredentialsSchema, type EngineCredentials } from '@ade/contracts';
import { postToControlPlane } from '../config/control-plane-request';
import type { WorkspaceFromEnv } from '../config/databricks-workspace.config';
import type { ControlPlaneAccess } from '../config/worker.config';

/** Where a Databricks tenant's workspace settings and secret come from: by reference, never from a job. */
export interface EngineCredentialsSource {
  fetch(tenantId: string): Promise<EngineCredentials>;
}

/**
 * Asks the control plane, which keeps engine secrets encrypted at rest, over its internal route
 * with this worker's DATA_PLANE_TOKEN. It releases them only while the tenant has catalog work
 * queued. A refusal is configuration (fail fast, naming what to fix); an outage is transient.
 */
export class ControlPlaneEngineCredentials implements EngineCredentialsSource {
  constructor(private readonly access: ControlPlaneAccess | null) {}

  async fetch(tenantId: string): Promise<EngineCredentials> {
    if (!this.access) {
      throw new LakehouseError('access_denied', `tenant ${tenantId}'s catalog is on Databricks, but this worker has no CONTROL_PLANE_URL and DATA_PLANE_TOKEN to fetch its engine credentials with`);
    }
    const response = await postToControlPlane(this.access, '/internal/v1/engine-credentials', { tenantId });
    if (!response) {
      throw new LakehouseError('catalog_unavailable', `the control plane (CONTROL_PLANE_URL) could not be reached for the engine credentials of tenant ${tenantId}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new LakehouseError('access_denied', "the control plane did not accept this worker's DATA_PLANE_TOKEN (see DATA_PLANE_TOKEN_HASHES on the control plane)");
    }
    if (response.status === 404) {
      throw new LakehouseError('access_denied', `tenant ${tenantId} is not on Databricks any more, or has no catalog work queued: no engine credentials were released`);
    }
    if (!response.ok) throw new LakehouseError('catalog_unavailable', `the control plane answered ${response.status} when asked for the engine credentials of tenant ${tenantId}`);
    const parsed = engineCredentialsSchema.safeParse(await response.json().catch(() => null));
    // The issues could quote a secret's value; only their paths are named.
    if (!parsed.success || parsed.data.tenantId !== tenantId) {
      throw new LakehouseError('access_denied', `the control plane's answer for tenant ${tenantId} is not valid engine credentials${parsed.success ? '' : ` (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`}`);
    }
    return parsed.data;
  }
}

/**
 * A dedicated worker's own workspace (WORKER_DATABRICKS_*), for the tenants it serves: the secret
 * comes from the worker's environment inside the tenant's cloud and is never asked for.
 */
export class EnvironmentEngineCredentials implements EngineCredentialsSource {
  constructor(
    private readonly workspace: WorkspaceFromEnv,
    private readonly tenants: readonly string[],
  ) {}

  async fetch(tenantId: string): Promise<EngineCredentials> {
    if (!this.tenants.includes(tenantId)) {
      throw new LakehouseError('access_denied', `tenant ${tenantId} is not one of this worker's WORKER_TENANTS, whose workspace WORKER_DATABRICKS_HOST names`);
    }
    const { host, httpPath, credentials, access } = this.workspace;
    const revealed = 'token' in credentials ? { token: credentials.token.reveal() } : { clientId: credentials.clientId, clientSecret: credentials.clientSecret.reveal() };
    return { tenantId, kind: 'databricks', host, httpPath, credentials: revealed, access };
  }
}
