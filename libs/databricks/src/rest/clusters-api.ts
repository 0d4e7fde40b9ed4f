import { randomUUID } from 'node:crypto';
import type { ClusterSpec } from '../clusters/cluster-profile';
import type { ClusterEvent } from '../clusters/usage-estimate';
import type { WorkspaceClient } from './workspace-client';

/** A cluster as `GET /api/2.1/clusters/get` and `/list` describe it, the fields we read. */
export interface ClusterInfo {
  cluster_id: string;
  cluster_name: string;
  state: string;
  state_message?: string;
  node_type_id?: string;
  driver_node_type_id?: string;
  num_workers?: number;
  autoscale?: { min_workers: number; max_workers: number };
  autotermination_minutes?: number;
  spark_version?: string;
  start_time?: number;
  terminated_time?: number;
  custom_tags?: Record<string, string>;
}

export class ClusterNotFoundError extends Error {
  override readonly name = 'ClusterNotFoundError';
}

const EVENTS_PAGE = 500;

/** The Clusters API (2.1) calls `ade cluster` makes. */
export class ClustersApi {
  constructor(private readonly client: WorkspaceClient) {}

  /** Creates the cluster; the idempotency token makes a retried create return the same cluster, not a second one. */
  async create(spec: ClusterSpec, idempotencyToken: string = randomUUID()): Promise<string> {
    const created = await this.client.post<{ cluster_id: string }>('/api/2.1/clusters/create', { ...spec, idempotency_token: idempotencyToken });
    return created.cluster_id;
  }

  async list(): Promise<ClusterInfo[]> {
    const clusters: ClusterInfo[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.client.get<{ clusters?: ClusterInfo[]; next_page_token?: string }>('/api/2.1/clusters/list', { page_size: 100, page_token: pageToken });
      clusters.push(...(page.clusters ?? []));
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return clusters;
  }

  get(clusterId: string): Promise<ClusterInfo> {
    return this.client.get<ClusterInfo>('/api/2.1/clusters/get', { cluster_id: clusterId });
  }

  /** The one cluster of that name; names are not unique in a workspace, so several is an error too. */
  async byName(name: string): Promise<ClusterInfo> {
    const found = (await this.list()).filter((cluster) => cluster.cluster_name === name);
    if (found.length === 1) return found[0]!;
    throw new ClusterNotFoundError(found.length === 0 ? `no cluster is named ${name}` : `${found.length} clusters are named ${name}; name one by its id`);
  }

  async resize(clusterId: string, autoscale: { min_workers: number; max_workers: number }): Promise<void> {
    await this.client.post('/api/2.1/clusters/resize', { cluster_id: clusterId, autoscale });
  }

  /** Terminates (stops) the cluster; its configuration stays, so it can be started again. */
  async terminate(clusterId: string): Promise<void> {
    await this.client.post('/api/2.1/clusters/delete', { cluster_id: clusterId });
  }

  /** The cluster's events between two times (ms since the epoch), oldest first, every page. */
  async events(clusterId: string, from: number, to: number): Promise<ClusterEvent[]> {
    const events: ClusterEvent[] = [];
    let request: Record<string, unknown> | undefined = { cluster_id: clusterId, start_time: from, end_time: to, order: 'ASC', limit: EVENTS_PAGE };
    while (request) {
      const page: { events?: ClusterEvent[]; next_page?: Record<string, unknown> } = await this.client.post('/api/2.1/clusters/events', request);
      events.push(...(page.events ?? []));
      request = page.next_page;
    }
    return events;
  }
}
