import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateApiKey } from '../src/api-keys/api-key-format';
import { ApiKeyAuthenticator } from '../src/api-keys/api-key-authenticator';
import { ApiKey } from '../src/api-keys/api-key.entity';
import type { ApiKeyScope } from '../src/api-keys/api-key-scopes';
import { ApiKeysRepository } from '../src/api-keys/api-keys.repository';
import { AppError } from '../src/common/app-error';
import { migratedDatabase, tenantWithUser, type MigratedDatabase } from './migrated-database';
import { recordNestLogs } from './recording-logger';

describe('ApiKeyAuthenticator (real PostgreSQL)', () => {
  let db: MigratedDatabase;
  let keys: ApiKeysRepository;
  let authenticator: ApiKeyAuthenticator;
  let tenantId: string;
  let adminId: string;
  const logs = recordNestLogs();

  /** Stores a new key of the tenant and returns the full key string its creator would be shown. */
  async function storedKey(overrides: Partial<ApiKey> = {}, scopes: ApiKeyScope[] = ['read']): Promise<{ key: string; row: ApiKey }> {
    const generated = generateApiKey();
    const row = Object.assign(new ApiKey(), {
      id: randomUUID(),
      tenantId,
      name: 'ci',
      prefix: generated.prefix,
      keyHash: generated.secretHash,
      scopes,
      createdBy: adminId,
      createdAt: new Date(),
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    });
    await db.dataSource.getRepository(ApiKey).save(row);
    return { key: generated.key, row };
  }

  const refusal = (presented: string) => authenticator.authenticate(presented).then(() => null, (error: unknown) => error);

  beforeAll(async () => {
    db = await migratedDatabase('api-key-auth');
    ({ tenantId, user: { id: adminId } } = await tenantWithUser(db.dataSource));
    keys = new ApiKeysRepository(db.dataSource.getRepository(ApiKey), db.scope);
    authenticator = new ApiKeyAuthenticator(keys);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('turns a valid key into its own principal, with the role its scopes allow', async () => {
    const { key, row } = await storedKey({}, ['read', 'write']);
    expect(await authenticator.authenticate(key)).toEqual({
      userId: row.id,
      tenantId,
      role: 'tenant_admin',
      apiKeyId: row.id,
      scopes: ['read', 'write'],
    });
    const [used] = await db.dataSource.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [row.id]);
    expect(used.last_used_at).toBeInstanceOf(Date);
  });

  it('gives the same 401 for a malformed, unknown or wrong-secret key', async () => {
    const { key } = await storedKey();
    const unknown = generateApiKey().key;
    const wrongSecret = `${key.slice(0, 'ade_0123456789ab_'.length)}${generateApiKey().secret}`;
    for (const presented of ['ade_nope', unknown, wrongSecret]) {
      const error = await refusal(presented);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'unauthorized', message: 'invalid or expired API key' });
    }
    expect(logs.entries).toEqual([]);
  });

  it('refuses a key from the moment it expires, and logs why without the key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const { key, row } = await storedKey({ expiresAt });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(expiresAt.getTime() - 1);
    expect(await refusal(key)).toBeNull();
    vi.setSystemTime(expiresAt);
    expect(await refusal(key)).toMatchObject({ code: 'unauthorized', message: 'invalid or expired API key' });
    expect(logs.entries.map(({ level, context, message }) => ({ level, context, message }))).toEqual([
      { level: 'warn', context: 'ApiKeyAuth', message: { msg: 'rejected api key', tenantId, apiKeyId: row.id, reason: 'expired' } },
    ]);
  });

  it('refuses a revoked key, even one not yet expired, and logs it as revoked', async () => {
    const { key, row } = await storedKey({ revokedAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    expect(await refusal(key)).toMatchObject({ code: 'unauthorized', message: 'invalid or expired API key' });
    expect(logs.entries.map(({ context, message }) => ({ context, message }))).toEqual([
      { context: 'ApiKeyAuth', message: { msg: 'rejected api key', tenantId, apiKeyId: row.id, reason: 'revoked' } },
    ]);
  });
});
