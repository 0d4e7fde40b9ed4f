import { ContractViolation } from '@ade/contracts';
import type { SqlDriverClient, SqlDriverSession } from './sql-driver';

/** How the engine signs in: a personal access token, or an OAuth service principal (machine to machine). */
export type DatabricksCredentials = { token: string } | { clientId: string; clientSecret: string };

export interface DatabricksSqlSettings {
  /** The workspace URL, e.g. https://dbc-1234abcd-5678.cloud.databricks.com. */
  host: string;
  /** A SQL warehouse's (`/sql/1.0/warehouses/<id>`) or a cluster's (`sql/protocolv1/o/<org>/<cluster>`) HTTP path. */
  httpPath: string;
  credentials: DatabricksCredentials;
}

const WAREHOUSE_PATH = /^\/?sql\/1\.0\/warehouses\/[0-9a-f]{16}$/;
const CLUSTER_PATH = /^\/?sql\/protocolv1\/o\/\d+\/[0-9]{4}-[0-9]{6}-[a-z0-9]{8}$/;

/** Whether the HTTP path names a SQL warehouse (true) or a cluster (false); anything else is refused naming the setting. */
export function isWarehousePath(httpPath: string): boolean {
  if (WAREHOUSE_PATH.test(httpPath)) return true;
  if (CLUSTER_PATH.test(httpPath)) return false;
  throw new ContractViolation(
    'httpPath must be a SQL warehouse path (/sql/1.0/warehouses/<id>) or a cluster path (sql/protocolv1/o/<workspace id>/<cluster id>), as the Connection details tab shows it',
  );
}

/** The warehouse or cluster an HTTP path names: its id, as the workspace's system tables key it. */
export function computeOf(httpPath: string): { kind: 'warehouse' | 'cluster'; id: string } {
  const id = httpPath.split('/').at(-1)!;
  return { kind: isWarehousePath(httpPath) ? 'warehouse' : 'cluster', id };
}

/**
 * Connects the real driver. Its own HTTP retries (429 and 503 with Retry-After, transient
 * network errors) stay on, bounded so a dead workspace fails a job in minutes, not fifteen.
 */
export async function connectDatabricks(settings: DatabricksSqlSettings): Promise<SqlDriverClient> {
  isWarehousePath(settings.httpPath);
  const url = new URL(settings.host);
  if (url.protocol !== 'https:') throw new ContractViolation('host must be an https URL: the credentials would travel in clear text');
  // Loaded on first use: the driver costs ~35 MB of memory, which a worker on the embedded engine never needs.
  const { DBSQLClient } = await import('@databricks/sql');
  const client = new DBSQLClient();
  const auth =
    'token' in settings.credentials
      ? { authType: 'access-token' as const, token: settings.credentials.token }
      : { authType: 'databricks-oauth' as const, oauthClientId: settings.credentials.clientId, oauthClientSecret: settings.credentials.clientSecret };
  await client.connect({ host: url.hostname, path: settings.httpPath, retryMaxAttempts: 5, retriesTimeout: 120_000, ...auth });
  return {
    openSession: (request): Promise<SqlDriverSession> => client.openSession(request),
    close: () => client.close(),
  };
}
