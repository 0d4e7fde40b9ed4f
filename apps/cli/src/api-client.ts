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
  if (status === 401) return body.message === 'invalid email or password' ? body.message : 'not logged in or the session expired; run `ade login`';
  return body.message ?? `request failed with HTTP ${status}`;
}

/** A thin JSON client for the REST API; every non-2xx becomes an ApiError with the server's message. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | null,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
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
