import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { deleteKeysWithPrefix } from '@ade/queue';

export const DEMO_SCHEMA = 'ade_demo';
export const DEMO_QUEUE_PREFIX = 'ade-demo';

export interface DemoEnvironment {
  root: string;
  dataDir: string;
  logDir: string;
  cliConfigDir: string;
  /** The control plane's own role (row-level security applies to it). */
  databaseUrl: string;
  /** The schema owner's connection: migrations and the reset only. */
  migrationUrl: string;
  redisUrl: string;
  jwtSecret: string;
  /** SECRETS_KEYS of this demo run: one random key, generated here and never written to disk. */
  secretsKeys: string;
  /** QUEUE_SIGNING_KEYS of this demo run, shared by its control plane and worker; never written to disk. */
  queueSigningKeys: string;
  operator: { email: string; password: string };
}

/**
 * Every demo starts from nothing: its own PostgreSQL schema, queue prefix and data directory are
 * wiped first, so a second `npm run demo` behaves exactly like the first. Nothing else is touched.
 */
export async function resetDemoEnvironment(projectRoot: string): Promise<DemoEnvironment> {
  const root = resolve(projectRoot, '.ade', 'demo');
  const env: DemoEnvironment = {
    root,
    dataDir: join(root, 'data'),
    logDir: join(root, 'logs'),
    cliConfigDir: join(root, 'cli'),
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://ade_app@127.0.0.1:5432/postgres',
    migrationUrl: process.env.DATABASE_MIGRATION_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    jwtSecret: randomBytes(32).toString('hex'),
    secretsKeys: `demo:${randomBytes(32).toString('base64')}`,
    queueSigningKeys: `demo:${randomBytes(32).toString('base64')}`,
    operator: { email: 'operator@demo.local', password: randomBytes(12).toString('hex') },
  };
  await rm(root, { recursive: true, force: true });
  await Promise.all([env.dataDir, env.logDir, env.cliConfigDir].map((dir) => mkdir(dir, { recursive: true })));

  const pg = new Client({ connectionString: env.migrationUrl, connectionTimeoutMillis: 5000 });
  await pg.connect();
  try {
    await pg.query(`DROP SCHEMA IF EXISTS ${DEMO_SCHEMA} CASCADE`);
  } finally {
    await pg.end();
  }

  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 2 });
  try {
    await deleteKeysWithPrefix(redis, DEMO_QUEUE_PREFIX);
  } finally {
    redis.disconnect();
  }
  return env;
}
