import { CliError } from './cli-io';

interface ErrorBody {
  error?: string;
  message?: string;
  fields?: Array<{ field: string; message: string }>;
}

export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(describe(status, body));
  }
}

/** The server's own message already names the bad fields; 401 gets advice instead. */
function describe(status: number, body: ErrorBody): string {
  if (status === 401 && body.message === 'invalid or expired API key') return 'the API key (ADE_API_KEY) is invalid, expired or revoked';
  if (status === 401 && (body.error === 'mfa_required' || body.message === 'invalid email or password' || body.message === 'invalid email, password or code')) return body.message!;
  if (status === 401) return 'not logged in or the session expired; run `ade login`';
  return body.message ?? `request failed with HTTP ${status}`;
}

/** Gets a new access token when the current one is refused; null when the session cannot be renewed. */
export type AccessTokenRefresher = () => Promise<string | null>;

/**
 * A thin JSON client for the REST API; every non-2xx becomes an ApiError with the server's message.
 * With a refresher, a 401 is answered by renewing the access token once and retrying the request.
 */
export class ApiClient {
  private refreshed = false;

  constructor(
    readonly baseUrl: string,
    private token: string | null,
    private readonly refresher: AccessTokenRefresher | null = null,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await this.send<T>(method, path, body);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || !this.refresher || this.refreshed) throw error;
      this.refreshed = true;
      const token = await this.refresher();
      if (!token) throw error;
      this.token = token;
      return this.send<T>(method, path, body);
    }
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(`cannot reach the API at ${this.baseUrl} (${reason}); is the control plane running?`);
    }
    const text = await response.text();
    const parsed = text ? safeJson(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, (parsed as ErrorBody | undefined) ?? {});
    return parsed as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
