import { connectorCredentialsSchema, type ConnectorCredentials, type ConnectorCredentialsRequest } from '@ade/contracts';
import { postToControlPlane } from '../../config/control-plane-request';
import type { ControlPlaneAccess } from '../../config/worker.config';
import { SourceError } from '../source-error';

/** Where a job's connector credentials come from: asked for by reference, for the job at hand, never kept. */
export interface ConnectorCredentialsSource {
  fetch(request: ConnectorCredentialsRequest): Promise<ConnectorCredentials>;
}

export const CONNECTOR_CREDENTIALS = Symbol('CONNECTOR_CREDENTIALS');

/**
 * Asks the control plane, which holds connector secrets encrypted at rest, over its internal
 * endpoint with this worker's DATA_PLANE_TOKEN. It releases them only for a run or check it queued
 * itself. A refusal is configuration (the run fails fast, naming what to fix); an outage is
 * transient (the run is retried). Nothing of the answer is logged or kept past the job.
 */
export class ControlPlaneCredentials implements ConnectorCredentialsSource {
  constructor(private readonly access: ControlPlaneAccess | null) {}

  async fetch(request: ConnectorCredentialsRequest): Promise<ConnectorCredentials> {
    if (!this.access) {
      throw new SourceError('connector_refused', 'this pipeline reads from a connector, but the worker has no CONTROL_PLANE_URL and DATA_PLANE_TOKEN to fetch its credentials with');
    }
    const response = await postToControlPlane(this.access, '/internal/v1/connector-credentials', request);
    if (!response) {
      throw new SourceError('transient', `the control plane (CONTROL_PLANE_URL) could not be reached for the credentials of connector ${request.connectorId}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new SourceError('connector_refused', 'the control plane did not accept this worker\'s DATA_PLANE_TOKEN (see DATA_PLANE_TOKEN_HASHES on the control plane)');
    }
    if (response.status === 404) {
      throw new SourceError('connector_refused', `connector ${request.connectorId} is gone, or the job is no longer queued: no credentials were released`);
    }
    if (!response.ok) throw new SourceError('transient', `the control plane answered ${response.status} when asked for the credentials of connector ${request.connectorId}`);
    const parsed = connectorCredentialsSchema.safeParse(await response.json().catch(() => null));
    // The issues could quote a secret's value; only their paths are named.
    if (!parsed.success) {
      throw new SourceError('connector_refused', `the control plane's answer for connector ${request.connectorId} is not valid credentials (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`);
    }
    return parsed.data;
  }
}
