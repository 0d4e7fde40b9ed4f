import { z } from 'zod';
import { ConfigError, envSecret, type Secret } from '@ade/config';
import { catalogEngineRequestSchema, groupNamesOf, type CatalogAccess, type DatabricksCredentials } from '@ade/contracts';

/**
 * A dedicated worker running inside a tenant's own cloud can take the workspace from its
 * environment instead of asking the control plane: the secret then never leaves that cloud. Only
 * a dedicated worker may (its WORKER_TENANTS are the tenants the workspace belongs to); a pooled
 * worker serves many tenants and fetches each one's from the control plane.
 */
export interface WorkspaceFromEnv {
  host: string;
  httpPath: string;
  credentials: { token: Secret } | { clientId: string; clientSecret: Secret };
  access: CatalogAccess;
}

export const workspaceEnvSchema = z.object({
  WORKER_DATABRICKS_HOST: z.string().min(1).optional(),
  WORKER_DATABRICKS_HTTP_PATH: z.string().min(1).optional(),
  WORKER_DATABRICKS_TOKEN: envSecret(8).optional(),
  WORKER_DATABRICKS_CLIENT_ID: z.string().min(1).optional(),
  WORKER_DATABRICKS_CLIENT_SECRET: envSecret(8).optional(),
  /** Account groups granted read access to silver and gold, comma-separated. */
  WORKER_DATABRICKS_READER_GROUPS: z.string().optional(),
  /** Account groups that also see member identifiers and names, comma-separated. */
  WORKER_DATABRICKS_PHI_READER_GROUPS: z.string().optional(),
});
type WorkspaceEnv = z.infer<typeof workspaceEnvSchema>;

/** Where an issue of the request schema comes from, by the field it is about. */
const VARIABLE_OF: Readonly<Record<string, string>> = {
  host: 'WORKER_DATABRICKS_HOST',
  httpPath: 'WORKER_DATABRICKS_HTTP_PATH',
  credentials: 'WORKER_DATABRICKS_TOKEN',
};

export function workspaceFromEnv(e: WorkspaceEnv, tenants: 'all' | string[]): WorkspaceFromEnv | null {
  const given = Object.entries(e).filter(([name, value]) => name.startsWith('WORKER_DATABRICKS_') && value !== undefined);
  if (given.length === 0) return null;
  if (tenants === 'all') {
    throw new ConfigError([`${given[0]![0]}: only a dedicated worker (WORKER_TENANTS=<tenant ids>) takes a Databricks workspace from its environment; a pooled worker fetches each tenant's from the control plane`]);
  }
  const credentials = credentialsFromEnv(e);
  const missing = [
    ...(e.WORKER_DATABRICKS_HOST === undefined ? ['WORKER_DATABRICKS_HOST: must be set (the workspace URL) with the other WORKER_DATABRICKS_ variables'] : []),
    ...(e.WORKER_DATABRICKS_HTTP_PATH === undefined ? ["WORKER_DATABRICKS_HTTP_PATH: must be set (the SQL warehouse's or cluster's HTTP path) with the other WORKER_DATABRICKS_ variables"] : []),
    ...(credentials === null ? ['WORKER_DATABRICKS_TOKEN: set it, or WORKER_DATABRICKS_CLIENT_ID with WORKER_DATABRICKS_CLIENT_SECRET (an OAuth service principal), but not both'] : []),
  ];
  if (missing.length > 0 || credentials === null) throw new ConfigError(missing);
  // The same rules as an operator's request, so a workspace is refused the same way wherever it is given.
  const access = { readers: groupNamesOf(e.WORKER_DATABRICKS_READER_GROUPS), phiReaders: groupNamesOf(e.WORKER_DATABRICKS_PHI_READER_GROUPS) };
  const parsed = catalogEngineRequestSchema.safeParse({ kind: 'databricks', host: e.WORKER_DATABRICKS_HOST, httpPath: e.WORKER_DATABRICKS_HTTP_PATH, credentials: credentials.revealed, access });
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${variableOf(issue.path)}: ${issue.message}`));
  if (parsed.data.kind !== 'databricks') throw new Error('a Databricks workspace parsed as another engine');
  return { host: parsed.data.host, httpPath: parsed.data.httpPath, credentials: credentials.kept, access: parsed.data.access };
}

function variableOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'access') return path[1] === 'phiReaders' ? 'WORKER_DATABRICKS_PHI_READER_GROUPS' : 'WORKER_DATABRICKS_READER_GROUPS';
  return VARIABLE_OF[String(path[0])] ?? 'WORKER_DATABRICKS_HOST';
}

/** Exactly one way to sign in; the values stay wrapped until the moment they are used. */
function credentialsFromEnv(e: WorkspaceEnv): { kept: WorkspaceFromEnv['credentials']; revealed: DatabricksCredentials } | null {
  const token = e.WORKER_DATABRICKS_TOKEN;
  const clientId = e.WORKER_DATABRICKS_CLIENT_ID;
  const clientSecret = e.WORKER_DATABRICKS_CLIENT_SECRET;
  if (token && clientId === undefined && clientSecret === undefined) return { kept: { token }, revealed: { token: token.reveal() } };
  if (!token && clientId !== undefined && clientSecret !== undefined) {
    return { kept: { clientId, clientSecret }, revealed: { clientId, clientSecret: clientSecret.reveal() } };
  }
  return null;
}
