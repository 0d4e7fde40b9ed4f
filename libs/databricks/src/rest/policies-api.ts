import type { PolicyDefinition } from '../clusters/cluster-policy';
import type { WorkspaceClient } from './workspace-client';

export interface PolicyInfo {
  policy_id: string;
  name: string;
  /** The definition as the API keeps it: a JSON string. */
  definition?: string;
}

/** The Cluster Policies API (2.0) calls `ade cluster policy` makes. */
export class PoliciesApi {
  constructor(private readonly client: WorkspaceClient) {}

  /** Creates the policy; a name already taken is refused by the workspace (RESOURCE_ALREADY_EXISTS). */
  async create(name: string, definition: PolicyDefinition): Promise<string> {
    const created = await this.client.post<{ policy_id: string }>('/api/2.0/policies/clusters/create', { name, definition: JSON.stringify(definition) });
    return created.policy_id;
  }

  async list(): Promise<PolicyInfo[]> {
    return (await this.client.get<{ policies?: PolicyInfo[] }>('/api/2.0/policies/clusters/list')).policies ?? [];
  }
}
