import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClusterEvent } from '../src/clusters/usage-estimate';
import type { ClusterInfo } from '../src/rest/clusters-api';
import type { WarehouseInfo } from '../src/rest/warehouses-api';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  authorization: string | undefined;
}

interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A stand-in for a Databricks workspace's REST API, answering the Clusters API 2.1 and SQL
 * Warehouses API 2.0 calls `ade` makes with the documented request and response shapes (bodies,
 * `{error_code, message}` errors, 429 with Retry-After), over real HTTP on a loopback port. It
 * keeps its clusters in memory, records every request, and can be told to fail the next calls.
 */
export class FakeWorkspace {
  readonly requests: RecordedRequest[] = [];
  readonly clusters = new Map<string, ClusterInfo & { idempotency_token?: string }>();
  readonly events = new Map<string, ClusterEvent[]>();
  readonly warehouses: WarehouseInfo[] = [];
  readonly policies: Array<{ policy_id: string; name: string; definition: string }> = [];
  /** The page size list and events answer with at most, so paging is exercised with few items. */
  pageSize = 2;
  now = Date.UTC(2026, 11, 7, 12, 0, 0);
  private readonly faults: Array<{ path: string; fault: Fault }> = [];
  private nextId = 1;
  private server: Server | undefined;

  constructor(readonly token: string = 'dapi-test-token') {}

  get host(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `times` calls to `path` get this answer instead. */
  failNext(path: string, fault: Fault, times = 1): void {
    for (let n = 0; n < times; n += 1) this.faults.push({ path, fault });
  }

  seedCluster(cluster: Partial<ClusterInfo> & { cluster_name: string }, events: ClusterEvent[] = []): ClusterInfo {
    const info: ClusterInfo = { cluster_id: this.newId(), state: 'RUNNING', node_type_id: 'i3.xlarge', driver_node_type_id: 'i3.xlarge', spark_version: '15.4.x-scala2.12', ...cluster };
    this.clusters.set(info.cluster_id, info);
    this.events.set(info.cluster_id, events);
    return info;
  }

  private newId(): string {
    return `1207-120000-fake${String(this.nextId++).padStart(4, '0')}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const text = await new Promise<string>((resolve) => {
      let data = '';
      request.on('data', (chunk) => (data += chunk));
      request.on('end', () => resolve(data));
    });
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    this.requests.push({ method: request.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body, authorization: request.headers.authorization });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    if (request.headers.authorization !== `Bearer ${this.token}`) return send(401, { error_code: 'UNAUTHENTICATED', message: 'Invalid access token.' });
    const faultIndex = this.faults.findIndex((f) => f.path === url.pathname);
    if (faultIndex >= 0) {
      const { fault } = this.faults.splice(faultIndex, 1)[0]!;
      return send(fault.status, fault.body ?? { error_code: 'TEMPORARILY_UNAVAILABLE', message: 'The service is temporarily unavailable.' }, fault.headers);
    }
    const route = `${request.method} ${url.pathname}`;
    const notFound = (id: unknown) => send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Cluster ${String(id)} does not exist` });
    switch (route) {
      case 'POST /api/2.1/clusters/create': {
        for (const field of ['cluster_name', 'spark_version', 'node_type_id']) {
          if (typeof body?.[field] !== 'string') return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Missing required field: ${field}` });
        }
        const token = body!['idempotency_token'] as string | undefined;
        const existing = [...this.clusters.values()].find((c) => token !== undefined && c.idempotency_token === token && c.state !== 'TERMINATED');
        if (existing) return send(200, { cluster_id: existing.cluster_id });
        const { idempotency_token: _token, ...spec } = body as Record<string, unknown>;
        const cluster = { ...(spec as unknown as ClusterInfo), cluster_id: this.newId(), state: 'PENDING', start_time: this.now, ...(token !== undefined && { idempotency_token: token }) };
        this.clusters.set(cluster.cluster_id, cluster);
        this.events.set(cluster.cluster_id, [{ timestamp: this.now, type: 'CREATING', details: {} }]);
        return send(200, { cluster_id: cluster.cluster_id });
      }
      case 'GET /api/2.1/clusters/list': {
        const all = [...this.clusters.values()].map(({ idempotency_token: _token, ...cluster }) => cluster);
        const offset = Number(url.searchParams.get('page_token') ?? 0);
        const size = Math.min(this.pageSize, Number(url.searchParams.get('page_size') ?? this.pageSize));
        const next = offset + size < all.length ? String(offset + size) : undefined;
        return send(200, { clusters: all.slice(offset, offset + size), ...(next && { next_page_token: next }) });
      }
      case 'GET /api/2.1/clusters/get': {
        const cluster = this.clusters.get(url.searchParams.get('cluster_id') ?? '');
        return cluster ? send(200, cluster) : notFound(url.searchParams.get('cluster_id'));
      }
      case 'POST /api/2.1/clusters/resize': {
        const cluster = this.clusters.get(String(body?.['cluster_id']));
        if (!cluster) return notFound(body?.['cluster_id']);
        if (cluster.state !== 'RUNNING') return send(400, { error_code: 'INVALID_STATE', message: `Cluster ${cluster.cluster_id} is in unexpected state ${cluster.state}.` });
        cluster.autoscale = body!['autoscale'] as ClusterInfo['autoscale'];
        this.events.get(cluster.cluster_id)!.push({ timestamp: this.now, type: 'RESIZING', details: { target_num_workers: cluster.autoscale?.min_workers } });
        return send(200, {});
      }
      case 'POST /api/2.1/clusters/delete': {
        const cluster = this.clusters.get(String(body?.['cluster_id']));
        if (!cluster) return notFound(body?.['cluster_id']);
        cluster.state = 'TERMINATED';
        cluster.terminated_time = this.now;
        this.events.get(cluster.cluster_id)!.push({ timestamp: this.now, type: 'TERMINATING', details: {} });
        return send(200, {});
      }
      case 'POST /api/2.1/clusters/events': {
        const id = String(body?.['cluster_id']);
        if (!this.clusters.has(id)) return notFound(id);
        const from = Number(body?.['start_time'] ?? 0);
        const to = Number(body?.['end_time'] ?? Number.MAX_SAFE_INTEGER);
        const matching = this.events.get(id)!.filter((e) => e.timestamp >= from && e.timestamp <= to).sort((a, b) => a.timestamp - b.timestamp);
        if (body?.['order'] !== 'ASC') matching.reverse();
        const offset = Number(body?.['offset'] ?? 0);
        const limit = Math.min(this.pageSize, Number(body?.['limit'] ?? 50));
        const page = matching.slice(offset, offset + limit).map((event) => ({ cluster_id: id, ...event }));
        const nextPage = offset + limit < matching.length ? { ...body, offset: offset + limit } : undefined;
        return send(200, { events: page, total_count: matching.length, ...(nextPage && { next_page: nextPage }) });
      }
      case 'GET /api/2.0/sql/warehouses':
        return send(200, { warehouses: this.warehouses });
      case 'POST /api/2.0/policies/clusters/create': {
        const name = body?.['name'];
        const definition = body?.['definition'];
        if (typeof name !== 'string' || typeof definition !== 'string') return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'name and definition are required' });
        try {
          JSON.parse(definition);
        } catch {
          return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Policy definition is not valid JSON' });
        }
        if (this.policies.some((p) => p.name === name)) return send(400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: `Policy with name ${name} already exists` });
        const policy = { policy_id: `POLICY${String(this.nextId++).padStart(8, '0')}`, name, definition };
        this.policies.push(policy);
        return send(200, { policy_id: policy.policy_id });
      }
      case 'GET /api/2.0/policies/clusters/list':
        return send(200, { policies: this.policies });
    }
    const edit = /^POST \/api\/2\.0\/sql\/warehouses\/([^/]+)\/edit$/.exec(route);
    if (edit) {
      const warehouse = this.warehouses.find((w) => w.id === decodeURIComponent(edit[1]!));
      if (!warehouse) return send(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `SQL warehouse ${edit[1]} does not exist.` });
      const minutes = body?.['auto_stop_mins'];
      if (typeof minutes !== 'number' || (minutes !== 0 && minutes < 10)) {
        return send(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'auto_stop_mins must be 0 or at least 10.' });
      }
      warehouse.auto_stop_mins = minutes;
      return send(200, {});
    }
    return send(404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${route}'` });
  }
}
