/** Where the workspace's REST API is and how to authenticate: a personal access token or an OAuth access token. */
export interface WorkspaceConfig {
  /** https://<workspace>.cloud.databricks.com (or .azuredatabricks.net, .gcp.databricks.com), no trailing slash. */
  host: string;
  token: string;
}

export class WorkspaceConfigError extends Error {
  override readonly name = 'WorkspaceConfigError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The workspace from DATABRICKS_HOST and DATABRICKS_TOKEN (the names the Databricks CLI and SDKs
 * read), or an error naming the variable that is missing or wrong. Plain http is refused except
 * on a loopback host, where only a local stand-in can answer.
 */
export function workspaceConfigFromEnv(env: Readonly<Record<string, string | undefined>>): WorkspaceConfig {
  const rawHost = env['DATABRICKS_HOST']?.trim();
  if (!rawHost) throw new WorkspaceConfigError('DATABRICKS_HOST is not set: the workspace URL, e.g. https://dbc-1234abcd-5678.cloud.databricks.com');
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(rawHost) ? rawHost : `https://${rawHost}`);
  } catch {
    throw new WorkspaceConfigError('DATABRICKS_HOST is not a URL: give the workspace URL, e.g. https://dbc-1234abcd-5678.cloud.databricks.com');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new WorkspaceConfigError('DATABRICKS_HOST must be an https URL: the token would travel in clear text');
  }
  if (url.pathname !== '/' || url.search || url.hash) throw new WorkspaceConfigError('DATABRICKS_HOST must be the workspace URL alone, without a path or query');
  const token = env['DATABRICKS_TOKEN']?.trim();
  if (!token) throw new WorkspaceConfigError('DATABRICKS_TOKEN is not set: a personal access token or an OAuth access token of the workspace');
  return { host: url.origin, token };
}
