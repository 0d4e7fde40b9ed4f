import { createHash, randomBytes } from 'node:crypto';
import type { INestApplication, LoggerService } from '@nestjs/common';
import request from 'supertest';
import { createIsolatedSchema, dropQueuePrefix, testAppDatabaseUrl, testQueueSigningKeys, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { loadControlPlaneConfig, type ControlPlaneConfig } from '../src/config/control-plane.config';
import { createControlPlaneApp } from '../src/create-app';
import { migrateDatabase } from '../src/database/migrate';

export interface ControlPlaneHarness {
  app: INestApplication;
  config: ControlPlaneConfig;
  env: Record<string, string>;
  http: () => ReturnType<typeof request>;
  operator: { email: string; password: string };
  /** The token a data-plane worker presents on internal routes (its SHA-256 is in DATA_PLANE_TOKEN_HASHES). */
  dataPlaneToken: string;
  close: () => Promise<void>;
}

/**
 * A real control plane on a schema and queue prefix of its own, migrated from migrations/.
 * Pass `queuePrefix` to share queues with a worker started by the same test, `logger` to see
 * what it logs (silent otherwise).
 */
export async function startControlPlane(
  options: { queuePrefix?: string; env?: Record<string, string>; label?: string; logger?: LoggerService } = {},
): Promise<ControlPlaneHarness> {
  const label = options.label ?? 'cp';
  const database = await createIsolatedSchema(label);
  const queuePrefix = options.queuePrefix ?? uniqueQueuePrefix(label);
  const operator = { email: 'operator@platform.test', password: randomBytes(12).toString('hex') };
  const dataPlaneToken = randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    DATABASE_URL: testAppDatabaseUrl,
    DATABASE_MIGRATION_URL: database.databaseUrl,
    DATABASE_SCHEMA: database.schema,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // A fresh key ring per control plane: nothing encrypted at rest uses a key from the repository.
    SECRETS_KEYS: `test:${randomBytes(32).toString('base64')}`,
    PASSWORD_HASH_COST: '14',
    BOOTSTRAP_OPERATOR_EMAIL: operator.email,
    BOOTSTRAP_OPERATOR_PASSWORD: operator.password,
    RUN_BACKOFF_MS: '200',
    // Suites make hundreds of requests per tenant; rate-limits.e2e.spec.ts sets small limits itself.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    DATA_PLANE_TOKEN_HASHES: createHash('sha256').update(dataPlaneToken).digest('hex'),
    QUEUE_SIGNING_KEYS: testQueueSigningKeys,
    // No plan limits get in the way of suites that are not about them; billing suites name plans.
    BILLING_DEFAULT_PLAN: 'enterprise',
    ...options.env,
  };
  const config = loadControlPlaneConfig(env);
  await migrateDatabase(config.database);
  const app = await createControlPlaneApp(config, options.logger ?? false);
  await app.init();
  return {
    app,
    config,
    env,
    http: () => request(app.getHttpServer()),
    operator,
    dataPlaneToken,
    close: async () => {
      await app.close();
      await database.drop();
      if (!options.queuePrefix) await dropQueuePrefix(queuePrefix);
    },
  };
}
