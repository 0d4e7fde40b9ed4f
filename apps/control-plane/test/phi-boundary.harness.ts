import { ConsoleLogger } from '@nestjs/common';
import Redis from 'ioredis';
import supertest from 'supertest';
import { Client } from 'pg';
import { makeTempDir, testDatabaseUrl, testQueueSigningKeys, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { loadWorkerConfig } from '../../data-plane-worker/src/config/worker.config';
import { createWorker } from '../../data-plane-worker/src/create-worker';
import { createControlPlaneApp } from '../src/create-app';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { assemblePlatform, type PlatformHarness } from './platform.harness';

/**
 * Everything a process writes to stdout/stderr (where Nest's JSON ConsoleLogger writes) and
 * through `console.*`, from `start()` until `stop()`. Nothing is passed through, so a suite's
 * output stays quiet; `text()` is what production would have logged.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const originals = {
    stdout: process.stdout.write,
    stderr: process.stderr.write,
    console: { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace },
  };
  const record = (chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
  };
  const writer = (...args: unknown[]) => {
    record(args[0]);
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  return {
    start() {
      process.stdout.write = writer as typeof process.stdout.write;
      process.stderr.write = writer as typeof process.stderr.write;
      for (const name of Object.keys(originals.console) as Array<keyof typeof originals.console>) {
        console[name] = (...args: unknown[]) => record(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ') + '\n');
      }
    },
    stop() {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
      Object.assign(console, originals.console);
    },
    text: () => chunks.join(''),
  };
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Nest's production logger (JSON, every level), as main.ts of both apps builds it. */
const productionLogger = () => new ConsoleLogger({ json: true, colors: false, logLevels: ['log', 'error', 'warn', 'debug', 'verbose', 'fatal'] });

/**
 * startPlatform (platform.harness.ts) with both apps logging as in production instead of silently,
 * so what they log can be inspected. The control plane is the harness's own, rebuilt with a logger.
 */
export async function startLoggedPlatform(label: string): Promise<PlatformHarness & { queuePrefix: string; schema: string }> {
  const queuePrefix = uniqueQueuePrefix(label);
  const dir = await makeTempDir(label);
  const silent = await startControlPlane({ queuePrefix, label });
  // Replace the harness's logger-less app with one that logs (same config, schema and prefix).
  await silent.app.close();
  const app = await createControlPlaneApp(silent.config, productionLogger());
  await app.init();
  const schema = silent.env.DATABASE_SCHEMA!;
  const cp: ControlPlaneHarness = {
    ...silent,
    app,
    http: () => supertest(app.getHttpServer()),
    close: async () => {
      await app.close();
      await dropSchema(schema);
    },
  };
  const workerConfig = loadWorkerConfig({ REDIS_URL: testRedisUrl, QUEUE_SIGNING_KEYS: testQueueSigningKeys, QUEUE_PREFIX: queuePrefix, DATA_DIR: dir.path, WORKER_TENANT_REFRESH_MS: '200' });
  const workerApp = await createWorker(workerConfig, productionLogger());
  await workerApp.init();
  const worker = { app: workerApp, lakehouse: workerApp.get<Lakehouse>(LAKEHOUSE), close: () => workerApp.close() };
  return { ...(await assemblePlatform({ cp, worker, dir, queuePrefix })), queuePrefix, schema };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Every row of every table in a PostgreSQL schema, as `{ table, row }` with the row cast to text. */
export async function dumpPostgresSchema(schema: string): Promise<Array<{ table: string; row: string }>> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [schema],
    );
    const rows: Array<{ table: string; row: string }> = [];
    for (const { table_name } of tables.rows) {
      const result = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${table_name}" t`);
      for (const r of result.rows) rows.push({ table: table_name, row: r.row });
    }
    return rows;
  } finally {
    await client.end();
  }
}

/** Every key under a queue prefix with its whole value, whatever the key's type. */
export async function dumpRedisPrefix(prefix: string): Promise<Array<{ key: string; type: string; value: string }>> {
  const redis = new Redis(testRedisUrl);
  try {
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      batch.forEach((k) => keys.add(k));
      cursor = next;
    } while (cursor !== '0');
    const dump: Array<{ key: string; type: string; value: string }> = [];
    for (const key of [...keys].sort()) {
      const type = await redis.type(key);
      let value: unknown;
      switch (type) {
        case 'string':
          value = await redis.get(key);
          break;
        case 'hash':
          value = await redis.hgetall(key);
          break;
        case 'list':
          value = await redis.lrange(key, 0, -1);
          break;
        case 'set':
          value = await redis.smembers(key);
          break;
        case 'zset':
          value = await redis.zrange(key, 0, -1, 'WITHSCORES');
          break;
        case 'stream':
          value = await redis.xrange(key, '-', '+');
          break;
        case 'none':
          continue; // gone between SCAN and TYPE
        default:
          throw new Error(`key ${key} has type ${type}, which this scan cannot read`);
      }
      dump.push({ key, type, value: JSON.stringify(value) });
    }
    return dump;
  } finally {
    redis.disconnect();
  }
}

/** Where each marker occurs in `text` (case-insensitive), with some context around it. */
export function findMarkers(text: string, markers: readonly string[]): Array<{ marker: string; context: string }> {
  const lower = text.toLowerCase();
  const hits: Array<{ marker: string; context: string }> = [];
  for (const marker of markers) {
    const at = lower.indexOf(marker.toLowerCase());
    if (at >= 0) hits.push({ marker, context: text.slice(Math.max(0, at - 160), at + marker.length + 160) });
  }
  return hits;
}
