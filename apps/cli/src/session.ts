import { ApiClient, ApiError } from './api-client';
import { CliError, type CliIo } from './cli-io';
import { DEFAULT_API_URL, readCredentials, writeCredentials, type Credentials } from './credentials';

/** What `POST /v1/auth/token` and `POST /v1/auth/refresh` answer. */
export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
  refreshExpiresIn?: number;
}

/** The API to talk to: --api-url, then ADE_API_URL, then the saved login, then the local default. */
export async function apiUrlFor(io: CliIo, flag: string | undefined): Promise<string> {
  return flag ?? io.env.ADE_API_URL ?? (await readCredentials(io.env))?.apiUrl ?? DEFAULT_API_URL;
}

/** The saved login for freshly issued tokens (the file keeps its owner-only permissions). */
export function credentialsFor(apiUrl: string, email: string, tokens: IssuedTokens): Credentials {
  const now = Date.now();
  return {
    apiUrl,
    email,
    accessToken: tokens.accessToken,
    expiresAt: new Date(now + tokens.expiresIn * 1000).toISOString(),
    ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    ...(tokens.refreshExpiresIn ? { refreshExpiresAt: new Date(now + tokens.refreshExpiresIn * 1000).toISOString() } : {}),
  };
}

/**
 * Renews the saved login with its refresh token and saves the new pair (the old refresh token is
 * spent). Null when there is nothing to renew with or the server refuses (logged out, expired).
 */
async function refreshSavedLogin(io: CliIo, saved: Credentials): Promise<string | null> {
  if (!saved.refreshToken) return null;
  let tokens: IssuedTokens;
  try {
    tokens = await new ApiClient(saved.apiUrl, null).post<IssuedTokens>('/v1/auth/refresh', { refreshToken: saved.refreshToken });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
  await writeCredentials(io.env, credentialsFor(saved.apiUrl, saved.email, tokens));
  return tokens.accessToken;
}

/**
 * An authenticated client: ADE_API_KEY, then ADE_TOKEN, win over the saved login, for CI and scripts. With the saved
 * login, an access token the API refuses is renewed once through the refresh token.
 */
export async function authenticatedClient(io: CliIo, apiUrlFlag: string | undefined): Promise<ApiClient> {
  const saved = await readCredentials(io.env);
  const apiUrl = await apiUrlFor(io, apiUrlFlag);
  // An API key (`ade_...`, for machine clients) is sent as a bearer token like a JWT, and is never refreshed.
  if (io.env.ADE_API_KEY) return new ApiClient(apiUrl, io.env.ADE_API_KEY);
  if (io.env.ADE_TOKEN) return new ApiClient(apiUrl, io.env.ADE_TOKEN);
  if (!saved?.accessToken) throw new CliError('not logged in; run `ade login --email you@example.org`');
  // The refresh token is only sent to the API it came from.
  const refresher = saved.refreshToken && saved.apiUrl === apiUrl ? () => refreshSavedLogin(io, saved) : null;
  return new ApiClient(apiUrl, saved.accessToken, refresher);
}
