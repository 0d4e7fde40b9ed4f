import type { WorkspaceClient } from './workspace-client';

/** A SQL warehouse as `GET /api/2.0/sql/warehouses` lists it, the fields we read. */
export interface WarehouseInfo {
  id: string;
  name: string;
  state?: string;
  cluster_size?: string;
  /** Minutes idle before it stops; 0 means it never stops on its own. */
  auto_stop_mins?: number;
  min_num_clusters?: number;
  max_num_clusters?: number;
  enable_serverless_compute?: boolean;
}

/** The SQL Warehouses API (2.0) calls `ade warehouse` makes. */
export class WarehousesApi {
  constructor(private readonly client: WorkspaceClient) {}

  async list(): Promise<WarehouseInfo[]> {
    return (await this.client.get<{ warehouses?: WarehouseInfo[] }>('/api/2.0/sql/warehouses')).warehouses ?? [];
  }

  async setAutoStop(id: string, minutes: number): Promise<void> {
    await this.client.post(`/api/2.0/sql/warehouses/${encodeURIComponent(id)}/edit`, { auto_stop_mins: minutes });
  }
}
