import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Not re-exported from the index: only the billing suites load it.

/**
 * Stripe's API as far as the platform uses it, on a free loopback port, for the official SDK to
 * talk to (host/port/protocol options): form-encoded requests, bearer-key authentication,
 * idempotency keys replayed with `Idempotent-Replayed: true` (and refused when reused with other
 * parameters), meter events deduplicated by `identifier`, errors in Stripe's `{ error: { type,
 * message, param } }` envelope. Objects carry the fields of API version 2026-10-28 that callers
 * read. Tests inspect `state` and inject faults with `failNext`.
 */
export interface FakeStripe {
  url: string;
  secretKey: string;
  state: FakeStripeState;
  /** Every request received, in order (idempotency key included): what the platform asked for. */
  requests: Array<{ method: string; path: string; idempotencyKey: string | null; replayed: boolean }>;
  /**
   * The next `times` requests matching method and path prefix fail: with `status` (Stripe's
   * api_error body), or, with `drop`, after being processed, by closing the connection before
   * any response (Stripe did the work; the caller never heard).
   */
  failNext(method: string, pathPrefix: string, fault: { status: number } | { drop: true }, times?: number): void;
  /** Sum of accepted meter events' values for a customer, as Stripe's meter would aggregate them. */
  meteredValue(customerId: string, eventName: string): number;
  close(): Promise<void>;
}

export interface FakeStripeState {
  customers: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  meterEvents: StripeObject[];
  /** Checkout sessions as created, with the line items and subscription data asked for. */
  checkoutSessions: StripeObject[];
}

type StripeObject = Record<string, unknown> & { id?: string };
type Params = Record<string, unknown>;

interface Fault {
  method: string;
  pathPrefix: string;
  fault: { status: number } | { drop: true };
  remaining: number;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export async function startFakeStripe(options: { secretKey?: string; meterEventName?: string } = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`;
  // The account's one active meter, summing the values of its event name per customer.
  const meter = { id: `mtr_test_${randomBytes(12).toString('hex')}`, object: 'billing.meter', event_name: options.meterEventName ?? 'ade_records_processed', status: 'active', default_aggregation: { formula: 'sum' }, customer_mapping: { type: 'by_id', event_payload_key: 'stripe_customer_id' }, value_settings: { event_payload_key: 'value' }, livemode: false };
  const state: FakeStripeState = { customers: new Map(), subscriptions: new Map(), meterEvents: [], checkoutSessions: [] };
  const requests: FakeStripe['requests'] = [];
  const faults: Fault[] = [];
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const now = () => Math.floor(Date.now() / 1000);
  /** What a meter summing `eventName` holds for the customer, over the events whose timestamp `within` admits. */
  const meterSum = (customerId: string, eventName: string, within: (timestamp: number) => boolean = () => true): number =>
    state.meterEvents
      .filter((event) => event.event_name === eventName && (event.payload as Record<string, string>).stripe_customer_id === customerId && within(event.timestamp as number))
      .reduce((sum, event) => sum + Number((event.payload as Record<string, string>).value), 0);
  const subscriptionOf = (id: string): StripeObject => {
    const subscription = state.subscriptions.get(id);
    if (!subscription) throw new StripeApiError(404, 'invalid_request_error', `No such subscription: '${id}'`, 'id');
    return subscription;
  };
  const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

  const routes: Array<{ method: string; pattern: RegExp; handle: (params: Params, match: RegExpMatchArray, query: URLSearchParams) => StripeObject }> = [
    {
      method: 'POST',
      pattern: /^\/v1\/customers$/,
      handle: (params) => {
        const customer = { id: newId('cus'), object: 'customer', created: now(), livemode: false, email: params.email ?? null, name: params.name ?? null, description: params.description ?? null, metadata: params.metadata ?? {}, delinquent: false };
        state.customers.set(customer.id, customer);
        return customer;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions$/,
      handle: (params) => {
        const customer = required(params, 'customer');
        if (!state.customers.has(customer)) throw new StripeApiError(400, 'invalid_request_error', `No such customer: '${customer}'`, 'customer');
        const items = (params.items as Params[] | undefined) ?? [];
        if (items.length === 0) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: items.', 'items');
        const created = now();
        const trialDays = Number(params.trial_period_days ?? 0);
        const periodEnd = created + 30 * 86_400;
        const subscription = {
          id: newId('sub'),
          object: 'subscription',
          created,
          customer,
          livemode: false,
          status: trialDays > 0 ? 'trialing' : 'active',
          metadata: params.metadata ?? {},
          trial_start: trialDays > 0 ? created : null,
          trial_end: trialDays > 0 ? created + trialDays * 86_400 : null,
          cancel_at_period_end: false,
          canceled_at: null,
          items: {
            object: 'list',
            data: items.map((item) => ({ id: newId('si'), object: 'subscription_item', price: { id: required(item, 'price'), object: 'price' }, quantity: item.quantity === undefined ? null : Number(item.quantity), current_period_start: created, current_period_end: periodEnd })),
            has_more: false,
          },
        };
        state.subscriptions.set(subscription.id, subscription);
        return subscription;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/subscriptions\/(sub_\w+)$/,
      handle: (_params, match) => subscriptionOf(match[1]!),
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions\/(sub_\w+)$/,
      handle: (params, match) => {
        const subscription = subscriptionOf(match[1]!);
        if (subscription.status === 'canceled') throw new StripeApiError(400, 'invalid_request_error', 'A canceled subscription can only update its cancellation_details and metadata.');
        const items = subscription.items as { data: Array<Record<string, unknown>> };
        for (const change of (params.items as Params[] | undefined) ?? []) {
          const item = items.data.find((candidate) => candidate.id === change.id);
          if (!item) throw new StripeApiError(400, 'invalid_request_error', `No such subscription item: '${String(change.id)}'`, 'items');
          item.price = { id: required(change, 'price'), object: 'price' };
        }
        if (params.cancel_at_period_end !== undefined) subscription.cancel_at_period_end = params.cancel_at_period_end === 'true';
        if (params.metadata) subscription.metadata = { ...(subscription.metadata as Params), ...(params.metadata as Params) };
        return subscription;
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/subscriptions\/(sub_\w+)$/,
      handle: (_params, match) => {
        const subscription = subscriptionOf(match[1]!);
        subscription.status = 'canceled';
        subscription.canceled_at = now();
        return subscription;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      handle: (params) => {
        if (params.mode !== 'subscription' && params.mode !== 'payment' && params.mode !== 'setup') throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: mode.', 'mode');
        const customer = params.customer as string | undefined;
        if (customer !== undefined && !state.customers.has(customer)) throw new StripeApiError(400, 'invalid_request_error', `No such customer: '${customer}'`, 'customer');
        const id = `cs_test_${randomBytes(24).toString('hex')}`;
        const session = {
          id,
          object: 'checkout.session',
          created: now(),
          expires_at: now() + 86_400,
          livemode: false,
          mode: params.mode,
          status: 'open',
          customer: customer ?? null,
          client_reference_id: params.client_reference_id ?? null,
          success_url: required(params, 'success_url'),
          cancel_url: params.cancel_url ?? null,
          subscription: null,
          url: `https://checkout.stripe.com/c/pay/${id}`,
        };
        state.checkoutSessions.push({ ...session, line_items: params.line_items, subscription_data: params.subscription_data });
        return session;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/billing_portal\/sessions$/,
      handle: (params) => {
        const customer = required(params, 'customer');
        if (!state.customers.has(customer)) throw new StripeApiError(400, 'invalid_request_error', `No such customer: '${customer}'`, 'customer');
        const id = `bps_${randomBytes(12).toString('hex')}`;
        return { id, object: 'billing_portal.session', created: now(), customer, livemode: false, return_url: params.return_url ?? null, url: `https://billing.stripe.com/p/session/test_${randomBytes(16).toString('hex')}` };
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/billing\/meters$/,
      handle: (_params, _match, query) => ({ object: 'list', data: query.get('status') === 'inactive' ? [] : [meter], has_more: false, url: '/v1/billing/meters' }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/billing\/meters\/(mtr_\w+)\/event_summaries$/,
      handle: (_params, match, query) => {
        if (match[1] !== meter.id) throw new StripeApiError(404, 'invalid_request_error', `No such billing meter: '${match[1]}'`, 'id');
        const customer = query.get('customer');
        if (!customer) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: customer.', 'customer');
        const [start, end] = ['start_time', 'end_time'].map((name) => {
          const value = Number(query.get(name));
          if (!Number.isInteger(value) || value % 60 !== 0) throw new StripeApiError(400, 'invalid_request_error', `${name} must be aligned with minute boundaries.`, name);
          return value;
        }) as [number, number];
        const aggregated = meterSum(customer, meter.event_name, (timestamp) => timestamp >= start && timestamp < end);
        const summary = { id: `mtrusg_${randomBytes(12).toString('hex')}`, object: 'billing.meter_event_summary', aggregated_value: aggregated, start_time: start, end_time: end, livemode: false, meter: meter.id };
        return { object: 'list', data: [summary], has_more: false, url: `/v1/billing/meters/${meter.id}/event_summaries` };
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/billing\/meter_events$/,
      handle: (params) => {
        const payload = (params.payload as Record<string, string> | undefined) ?? {};
        const customer = payload.stripe_customer_id;
        if (!customer) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: payload[stripe_customer_id].', 'payload');
        if (!/^\d+$/.test(payload.value ?? '')) throw new StripeApiError(400, 'invalid_request_error', 'payload[value] must be a whole number.', 'payload[value]');
        const timestamp = params.timestamp === undefined ? now() : Number(params.timestamp);
        if (timestamp < now() - 35 * 86_400 || timestamp > now() + 300) {
          throw new StripeApiError(400, 'invalid_request_error', 'Timestamp must be within the past 35 calendar days and no more than 5 minutes in the future.', 'timestamp');
        }
        const event = { object: 'billing.meter_event', created: now(), event_name: required(params, 'event_name'), identifier: (params.identifier as string | undefined) ?? newId('mev'), livemode: false, payload, timestamp };
        // Uniqueness of identifiers is enforced (for at least 24 hours): a repeat is not counted again.
        if (!state.meterEvents.some((existing) => existing.identifier === event.identifier)) state.meterEvents.push(event);
        return event;
      },
    },
  ];

  const server = createServer((request, response) => {
    void serve(request, response);
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stripe.test');
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    const idempotencyKey = header(request, 'idempotency-key');
    const entry = { method, path: url.pathname, idempotencyKey, replayed: false };
    requests.push(entry);
    const fault = faults.find((candidate) => candidate.method === method && url.pathname.startsWith(candidate.pathPrefix) && candidate.remaining > 0);
    if (fault) fault.remaining -= 1;
    if (fault && 'status' in fault.fault) {
      const type = fault.fault.status >= 500 ? 'api_error' : 'invalid_request_error';
      return send(response, fault.fault.status, errorBody(new StripeApiError(fault.fault.status, type, `The request was refused (status ${fault.fault.status}, injected by the test).`)));
    }

    if (header(request, 'authorization') !== `Bearer ${secretKey}`) {
      return send(response, 401, errorBody(new StripeApiError(401, 'invalid_request_error', 'Invalid API Key provided.')));
    }
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${body}`).digest('hex');
    if (idempotencyKey !== null && method === 'POST') {
      const earlier = idempotent.get(idempotencyKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          return send(response, 400, errorBody(new StripeApiError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`)));
        }
        entry.replayed = true;
        if (fault && 'drop' in fault.fault) return void request.socket.destroy();
        return send(response, earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
      }
    }
    let status = 200;
    let result: unknown;
    try {
      const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
      if (!route) throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${url.pathname}).`);
      result = route.handle(decodeForm(body), url.pathname.match(route.pattern)!, url.searchParams);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      result = errorBody(error);
    }
    if (idempotencyKey !== null && method === 'POST' && status < 500) idempotent.set(idempotencyKey, { fingerprint, status, body: result });
    if (fault && 'drop' in fault.fault) return void request.socket.destroy();
    send(response, status, result);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey,
    state,
    requests,
    failNext: (method, pathPrefix, fault, times = 1) => void faults.push({ method, pathPrefix, fault, remaining: times }),
    meteredValue: (customerId, eventName) => meterSum(customerId, eventName),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function required(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw new StripeApiError(400, 'invalid_request_error', `Missing required param: ${name}.`, name);
  return value;
}

function errorBody(error: StripeApiError): unknown {
  return { error: { type: error.type, message: error.message, ...(error.param ? { param: error.param } : {}), request_log_url: 'https://dashboard.stripe.com/test/logs/req_fake' } };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === 'string' ? value : null;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(7).toString('hex')}`, ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Stripe's form encoding: `a[b][0][c]=v` nests; an object whose keys are all indices is a list. */
export function decodeForm(body: string): Params {
  const root: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.split(/\[|\]\[|\]/).filter((part) => part !== '');
    let node = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Params;
    });
  }
  return listify(root) as Params;
}

function listify(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Params).map(([key, inner]) => [key, listify(inner)] as const);
  const isList = entries.length > 0 && entries.every(([key], index) => key === String(index));
  return isList ? entries.map(([, inner]) => inner) : Object.fromEntries(entries);
}
