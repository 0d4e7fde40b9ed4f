import { randomBytes } from 'node:crypto';

/** Where the real services for integration tests live; override for a machine with other ports. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The control plane's own role in tests: migrations (as testDatabaseUrl) create it and grant it its tables. */
export const testAppDatabaseUrl = process.env.TEST_APP_DATABASE_URL ?? 'postgres://ade_app@127.0.0.1:5432/postgres';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * QUEUE_SIGNING_KEYS for a test process: one random key, made when the process loads this, so a
 * control plane and a worker started by the same suite open each other's seals and nothing
 * sealed uses a key from the repository.
 */
export const testQueueSigningKeys = `test:${randomBytes(32).toString('base64')}`;
