import { z } from 'zod';

/**
 * Where a tenant's catalog lives: the embedded DuckDB catalog on the workers, or the tenant's own
 * Unity Catalog on Databricks. Chosen per tenant by an operator; jobs carry the kind, and a worker
 * fetches the workspace's settings and secret by reference when it needs them.
 */
export const ENGINE_KINDS = ['embedded', 'databricks'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** In a job: which engine its catalog is on. Jobs queued before engines existed are embedded. */
export const jobEngine = z.enum(ENGINE_KINDS).default('embedded');

/** The workspace URL alone, https: the credentials travel with every request. */
const workspaceHost = z
  .url({ protocol: /^https$/, error: 'must be the workspace URL, https://...' })
  .max(253)
  .refine((value) => {
    const url = new URL(value);
    // An https URL's path is at least '/'.
    return url.pathname === '/' && !url.search && !url.hash && !url.username;
  }, 'must be the workspace URL alone, without a path, query or user')
  .transform((value) => new URL(value).origin);

/** A SQL warehouse's or a cluster's HTTP path, as the compute's Connection details tab shows it. */
export const DATABRICKS_HTTP_PATH = /^\/?sql\/(1\.0\/warehouses\/[0-9a-f]{16}|protocolv1\/o\/\d{1,20}\/\d{4}-\d{6}-[a-z0-9]{8})$/;

const databricksSettings = {
  host: workspaceHost,
  httpPath: z.string().regex(DATABRICKS_HTTP_PATH, 'must be a SQL warehouse path (/sql/1.0/warehouses/<id>) or a cluster path (sql/protocolv1/o/<workspace id>/<cluster id>)'),
};

/** A personal access token, or an OAuth service principal's client id and secret (machine to machine). */
export const databricksCredentialsSchema = z.union([
  z.object({ token: z.string().min(8).max(1024) }).strict(),
  z.object({ clientId: z.string().min(1).max(256), clientSecret: z.string().min(8).max(1024) }).strict(),
]);
export type DatabricksCredentials = z.infer<typeof databricksCredentialsSchema>;

/**
 * A Databricks account group, as its display name. Letters, digits, spaces and `_ . @ + -` only, so
 * a name can never break out of the backticks or the string literal it is written in.
 */
export const WORKSPACE_GROUP = /^[A-Za-z0-9][A-Za-z0-9 _.@+-]{0,254}$/;
const groupList = z.array(z.string().regex(WORKSPACE_GROUP, 'must be an account group name: letters, digits, spaces and _ . @ + -')).max(50);

/**
 * Who may read a tenant's Unity Catalog: `readers` get USE CATALOG, and USE SCHEMA and SELECT on
 * silver and gold; `phiReaders` get the same and also see member identifiers and names, which
 * column masks hide (NULL) from everyone else but the platform's own principal.
 */
export const catalogAccessSchema = z.object({ readers: groupList.default([]), phiReaders: groupList.default([]) }).strict();
export type CatalogAccess = z.infer<typeof catalogAccessSchema>;
export const NO_CATALOG_ACCESS: CatalogAccess = { readers: [], phiReaders: [] };

/** Group names written as one comma-separated list (a CLI flag, a variable); blanks dropped, each name checked by the schema. */
export function groupNamesOf(list: string | undefined): string[] {
  return (list ?? '').split(',').map((group) => group.trim()).filter((group) => group !== '');
}

/** What an operator sends to choose a tenant's engine. */
export const catalogEngineRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }).strict(),
  z.object({ kind: z.literal('databricks'), ...databricksSettings, credentials: databricksCredentialsSchema, access: catalogAccessSchema.default(NO_CATALOG_ACCESS) }).strict(),
]);
export type CatalogEngineRequest = z.infer<typeof catalogEngineRequestSchema>;

/** What the API shows of a tenant's engine: never the secret. */
export interface CatalogEngineView {
  kind: EngineKind;
  host: string | null;
  httpPath: string | null;
  auth: 'token' | 'oauth-m2m' | null;
  clientId: string | null;
  /** The groups granted access to the catalog; null on the embedded engine. */
  access: CatalogAccess | null;
  updatedAt: string | null;
}

/** What a worker gets, by reference, for a tenant on Databricks: never in a job, an event or a log. */
export const engineCredentialsSchema = z
  .object({ tenantId: z.uuid(), kind: z.literal('databricks'), ...databricksSettings, credentials: databricksCredentialsSchema, access: catalogAccessSchema.default(NO_CATALOG_ACCESS) })
  .strict();
export type EngineCredentials = z.infer<typeof engineCredentialsSchema>;

export const engineCredentialsRequestSchema = z.object({ tenantId: z.uuid() }).strict();
