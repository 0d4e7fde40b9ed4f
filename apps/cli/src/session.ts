import { ApiClient } from './api-client';
import { CliError, type CliIo } from './cli-io';
import { DEFAULT_API_URL, readCredentials } from './credentials';

/** The API to talk to: --api-url, then ADE_API_URL, then the saved login, then the local default. */
export async function apiUrlFor(io: CliIo, flag: string | undefined): Promise<string> {
  return flag ?? io.env.ADE_API_URL ?? (await readCredentials(io.env))?.apiUrl ?? DEFAULT_API_URL;
}

/** An authenticated client: ADE_TOKEN wins over the saved login, for CI and scripts. */
export async function authenticatedClient(io: CliIo, apiUrlFlag: string | undefined): Promise<ApiClient> {
  const saved = await readCredentials(io.env);
  const token = io.env.ADE_TOKEN ?? saved?.accessToken;
  if (!token) throw new CliError('not logged in; run `ade login --email you@example.org`');
  return new ApiClient(await apiUrlFor(io, apiUrlFlag), token);
}
