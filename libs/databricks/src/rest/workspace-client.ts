import { fullJitterDelay } from '@ade/contracts';
import { DatabricksRestError, restErrorOf } from './rest-error';
import type { WorkspaceConfig } from './workspace-config';

export interface WorkspaceClientOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  capDelayMs?: number;
  /** Per attempt; an attempt that takes longer is aborted and counts as transient. */
  timeoutMs?: number;
}

/**
 * The workspace's REST API (`/api/2.x/...`) with bearer authentication. A transient failure (429,
 * 5xx, no answer) is retried up to `maxAttempts` times, after Retry-After when the workspace sent
 * one and otherwise after a full-jitter backoff; anything else is thrown at once. Only calls that
 * are safe to repeat come through here: reads, and writes that are idempotent (a cluster create
 * carries an idempotency token).
 */
export class WorkspaceClient {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly capDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly config: WorkspaceConfig,
    options: WorkspaceClientOptions = {},
  ) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.capDelayMs = options.capDelayMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = new URLSearchParams(Object.entries(query).flatMap(([key, value]): Array<[string, string]> => (value === undefined ? [] : [[key, String(value)]])));
    const search = params.size > 0 ? `?${params}` : '';
    return this.call<T>('GET', `${path}${search}`, undefined);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body: unknown): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.attempt<T>(method, path, body).then(
        (value) => ({ value }),
        (failure: unknown) => ({ failure }),
      );
      if ('value' in outcome) return outcome.value;
      const { failure } = outcome;
      if (!(failure instanceof DatabricksRestError) || failure.failureClass !== 'transient' || attempt >= this.maxAttempts) throw failure;
      await this.sleep(failure.retryAfterMs ?? fullJitterDelay(attempt, this.baseDelayMs, this.capDelayMs, this.random));
    }
  }

  private async attempt<T>(method: string, path: string, body: unknown): Promise<T> {
    const bare = path.split('?')[0]!;
    let response: Response;
    try {
      response = await this.fetch(`${this.config.host}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.config.token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const why = (error as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'could not reach DATABRICKS_HOST';
      throw new DatabricksRestError(`${method} ${bare}: ${why}`, 0, null, 'transient');
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw restErrorOf({ method, path: bare, status: response.status, body: parsed, retryAfter: response.headers.get('retry-after') });
    if (parsed === undefined) throw new DatabricksRestError(`${method} ${bare} answered ${response.status} with a body that is not JSON`, response.status, null, 'transient');
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
