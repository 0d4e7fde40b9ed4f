import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  apiUrl: string;
  email: string;
  accessToken: string;
  expiresAt: string;
  /** Renews the access token (`POST /v1/auth/refresh`); each use replaces it with a new one. */
  refreshToken?: string;
  refreshExpiresAt?: string;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

function credentialsPath(env: Record<string, string | undefined>): string {
  const dir = env.ADE_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ade');
  return join(dir, 'credentials.json');
}

export async function readCredentials(env: Record<string, string | undefined>): Promise<Credentials | null> {
  try {
    return JSON.parse(await readFile(credentialsPath(env), 'utf8')) as Credentials;
  } catch {
    return null;
  }
}

/** Only the owner may read the file: it holds a bearer token and a refresh token. */
export async function writeCredentials(env: Record<string, string | undefined>, credentials: Credentials): Promise<string> {
  const path = credentialsPath(env);
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}

/** Forgets the saved login; true when there was one. */
export async function deleteCredentials(env: Record<string, string | undefined>): Promise<boolean> {
  const path = credentialsPath(env);
  const existed = (await readCredentials(env)) !== null;
  await rm(path, { force: true });
  return existed;
}
