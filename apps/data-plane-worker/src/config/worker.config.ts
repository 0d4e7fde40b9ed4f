import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { QueueKeyring } from '@ade/queue';
import { queueKeyringFromEnv, queueKeysEnvSchema } from './queue-keys.config';
import { ConfigError, envDuckDbSize, envInt, envSecret, envUrl, landingEnvSchema, landingS3FromEnv, QueueConfig, queueEnvSchema, readEnv, type S3LandingLocation, type Secret } from '@ade/config';
import { workspaceFromEnv, workspaceEnvSchema, type WorkspaceFromEnv } from './databricks-workspace.config';

export class WorkerConfig {
  constructor(
    /** 'all' serves every registered tenant (pooled); a list serves only those (dedicated). */
    readonly tenants: 'all' | string[],
    /** Tenant catalogs and landing zones live under here. */
    readonly dataDir: string,
    readonly concurrency: number,
    readonly tenantRefreshMs: number,
    readonly lockDurationMs: number,
    readonly stalledIntervalMs: number,
    /** Times a job may be found abandoned (its worker died) and restarted before it fails for good. */
    readonly maxStalledCount: number,
    /** Upper bound of a retry's random (full-jitter) delay. */
    readonly retryBackoffCapMs: number,
    /** Close a tenant's catalog after this long without a job, releasing its file. */
    readonly catalogIdleMs: number,
    readonly duckdbThreads: number | undefined,
    /** Each tenant's DuckDB instance holds at most this much; past it, it spills to duckdbSpillDir. */
    readonly duckdbMemoryLimit: string,
    readonly duckdbSpillDir: string,
    /**
     * TEST ONLY (WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT), unset in production: a file path. Every
     * bronze ingest then writes a JSON marker there from inside its transaction, right before
     * COMMIT, and never commits: it waits for the process to be killed. See test-pause.ts.
     */
    readonly testPauseBeforeIngestCommit: string | undefined,
    /** Where tenants' files arrive when it is an object store (LANDING_S3_URL); null: `dataDir` on this disk. */
    readonly landingS3: S3LandingLocation | null = null,
    /** Where the worker asks for a connector's credentials (CONTROL_PLANE_URL, DATA_PLANE_TOKEN); null: it cannot use connectors. */
    readonly controlPlane: ControlPlaneAccess | null = null,
    /** A dedicated worker's own Databricks workspace (WORKER_DATABRICKS_*), used instead of asking the control plane; null: ask. */
    readonly databricks: WorkspaceFromEnv | null = null,
  ) {}
}

export interface ControlPlaneAccess {
  url: string;
  token: Secret;
}

/** Both or neither: a URL without a token (or the reverse) is a mistake worth naming at start-up. */
function controlPlaneFromEnv(e: { CONTROL_PLANE_URL?: string | undefined; DATA_PLANE_TOKEN?: Secret | undefined }): ControlPlaneAccess | null {
  if ((e.CONTROL_PLANE_URL === undefined) !== (e.DATA_PLANE_TOKEN === undefined)) {
    throw new ConfigError([e.CONTROL_PLANE_URL === undefined ? 'CONTROL_PLANE_URL: must be set together with DATA_PLANE_TOKEN' : 'DATA_PLANE_TOKEN: must be set together with CONTROL_PLANE_URL']);
  }
  return e.CONTROL_PLANE_URL === undefined ? null : { url: e.CONTROL_PLANE_URL.replace(/\/+$/, ''), token: e.DATA_PLANE_TOKEN! };
}

const tenantList = z
  .string()
  .transform((value) => value.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.uuid('each entry must be a tenant id (UUID)')).min(1));

const envSchema = queueEnvSchema.extend(landingEnvSchema.shape).extend(queueKeysEnvSchema.shape).extend(workspaceEnvSchema.shape).extend({
  WORKER_TENANTS: z.union([z.literal('all'), tenantList]).default('all'),
  DATA_DIR: z.string().min(1).default('./.ade/data'),
  WORKER_CONCURRENCY: envInt(1, 64).default(2),
  WORKER_TENANT_REFRESH_MS: envInt(100, 3_600_000).default(5000),
  WORKER_LOCK_DURATION_MS: envInt(1000, 3_600_000).default(30_000),
  WORKER_STALLED_INTERVAL_MS: envInt(500, 3_600_000).default(30_000),
  WORKER_MAX_STALLED_COUNT: envInt(0, 100).default(1),
  WORKER_RETRY_BACKOFF_CAP_MS: envInt(100, 3_600_000).default(300_000),
  WORKER_CATALOG_IDLE_MS: envInt(0, 86_400_000).default(60_000),
  DUCKDB_THREADS: envInt(1, 256).optional(),
  DUCKDB_MEMORY_LIMIT: envDuckDbSize.default('1GB'),
  DUCKDB_SPILL_DIR: z.string().min(1).optional(),
  // Read by glibc at start-up, not by us (malloc-arenas.ts); checked so that a typo is named, not ignored.
  MALLOC_ARENA_MAX: envInt(1, 1024).optional(),
  WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: z.string().min(1).optional(),
  CONTROL_PLANE_URL: envUrl(['http', 'https']).optional(),
  DATA_PLANE_TOKEN: envSecret(32).optional(),
});

export interface DataPlaneConfig {
  queue: QueueConfig;
  worker: WorkerConfig;
  /** Opens the jobs of the tenants served, seals their events. */
  keyring: QueueKeyring;
}

export function loadWorkerConfig(env: Record<string, string | undefined>): DataPlaneConfig {
  const e = readEnv(envSchema, env);
  return {
    queue: QueueConfig.fromEnv(e),
    worker: new WorkerConfig(
      e.WORKER_TENANTS,
      resolve(e.DATA_DIR),
      e.WORKER_CONCURRENCY,
      e.WORKER_TENANT_REFRESH_MS,
      e.WORKER_LOCK_DURATION_MS,
      e.WORKER_STALLED_INTERVAL_MS,
      e.WORKER_MAX_STALLED_COUNT,
      e.WORKER_RETRY_BACKOFF_CAP_MS,
      e.WORKER_CATALOG_IDLE_MS,
      e.DUCKDB_THREADS,
      e.DUCKDB_MEMORY_LIMIT,
      resolve(e.DUCKDB_SPILL_DIR ?? join(e.DATA_DIR, 'spill')),
      e.WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT === undefined ? undefined : resolve(e.WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT),
      landingS3FromEnv(e),
      controlPlaneFromEnv(e),
      workspaceFromEnv(e, e.WORKER_TENANTS),
    ),
    keyring: queueKeyringFromEnv(e, e.WORKER_TENANTS),
  };
}
