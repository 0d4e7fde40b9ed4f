import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { Secret } from '@ade/config';
import { createIsolatedSchema, testAppDatabaseUrl, testDatabaseUrl } from '@ade/testing';
import { GENESIS_HASH, type AuditEntry, type AuditEventInput } from '../../apps/control-plane/src/audit/audit-event';
import { auditEntryHash, canonicalTimestamp } from '../../apps/control-plane/src/audit/audit-hash';
import { AuditLogRepository } from '../../apps/control-plane/src/audit/audit-log.repository';
import { AuditLogService } from '../../apps/control-plane/src/audit/audit-log.service';
import { DatabaseConfig } from '../../apps/control-plane/src/config/control-plane.config';
import { dataSourceOptions } from '../../apps/control-plane/src/database/data-source-options';
import { DatabaseScope, inTenantScope } from '../../apps/control-plane/src/database/database-scope';
import { migrateDatabase } from '../../apps/control-plane/src/database/migrate';

/**
 * bench/security: what the security layer costs per database access. In a fresh schema of its
 * own (migrated as the control plane is, so `ade_app` is granted and RLS is on), seeded with
 * `tenants × pipelinesPerTenant` pipelines, it times in alternating rounds, at concurrency 1 and 8
 * (pools of 10 connections):
 *
 * - a point read and a list read as the owner (a superuser: RLS bypassed), autocommit: the baseline;
 * - the same point read as the owner in a bare transaction, and through `inTenantScope` as the
 *   owner (the same four statements the application sends, no policy), to separate the round
 *   trips from the policy;
 * - the same reads through `inTenantScope` as the application role (RLS applies);
 * - both reads as the application role in autocommit on a held connection, with the tenant set
 *   once per connection (the policy alone; not how the application runs), against the same reads
 *   as the owner on held connections;
 * - `AuditLogRepository.append` (one chain; 8 writers on one chain; 8 writers on 8 chains)
 *   against a plain INSERT of the same row into a copy of audit_events as the owner, with
 *   `auditFillerRows` entries of other tenants' chains in audit_events first, and a copy of the
 *   append whose chain-head lookup the index can answer (`appendIndexed`);
 * - server-side planning and execution times (EXPLAIN ANALYZE) of the reads with and without
 *   the policy, and of the append's chain-head lookup.
 *
 * Usage: node dist/bench/security/bench-security.js [rounds] [readOpsPerRound] [auditOpsPerRound]
 */

export interface BenchOptions {
  tenants: number;
  pipelinesPerTenant: number;
  rounds: number;
  readOps: number;
  auditOps: number;
  concurrencies: number[];
  warmupOps: number;
  /** Entries of other tenants' chains in audit_events before the bench appends (the table is never small in production). */
  auditFillerRows: number;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  tenants: 50,
  pipelinesPerTenant: 200,
  rounds: 5,
  readOps: 1500,
  auditOps: 400,
  concurrencies: [1, 8],
  warmupOps: 100,
  auditFillerRows: 100_000,
};

const POOL_SIZE = 10;
const COLUMNS = `id, tenant_id, name, data_type, source_path, source_format, target_table, schedule, options, quality, created_at, updated_at`;
const POINT_READ = `SELECT ${COLUMNS} FROM pipelines WHERE tenant_id = $1 AND id = $2`;
const LIST_READ = `SELECT ${COLUMNS} FROM pipelines WHERE tenant_id = $1 ORDER BY created_at LIMIT 50`;
const AUDIT_COLUMNS = `tenant_id, seq, at, actor_type, actor_id, actor_role, action, resource_type, resource_id, outcome,
  status_code, request_id, client_ip, details, prev_hash, hash`;
const PLAIN_INSERT = `INSERT INTO audit_plain (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;
const FAKE_HASH = 'ab'.repeat(32);
/** The statement AuditLogRepository.appendIn reads a chain's head with (copied: it is not exported). */
const AUDIT_LAST_ENTRY = `SELECT seq, hash FROM audit_events WHERE tenant_id IS NOT DISTINCT FROM $1::uuid ORDER BY seq DESC LIMIT 1`;
/** The same lookup in a form the (tenant_id, seq) index can answer, for comparison. */
const AUDIT_LAST_ENTRY_INDEXED = `SELECT seq, hash FROM audit_events WHERE tenant_id = $1::uuid ORDER BY seq DESC LIMIT 1`;

/** What each measurement is, in the order of the report. */
export const MODES = {
  pointBare: 'point read, owner, autocommit (baseline)',
  pointTx: 'point read, owner, BEGIN + read + COMMIT',
  pointTxSettings: 'point read, owner, inTenantScope (BEGIN + set_config + read + COMMIT, RLS bypassed)',
  pointScoped: 'point read, ade_app, inTenantScope (what the application does)',
  pointPolicyOnly: 'point read, ade_app, autocommit, tenant set once per held connection (policy alone)',
  pointBareHeld: 'point read, owner, autocommit, held connection (baseline of the policy alone)',
  listBare: 'list read (LIMIT 50), owner, autocommit (baseline)',
  listScoped: 'list read (LIMIT 50), ade_app, inTenantScope',
  listPolicyOnly: 'list read (LIMIT 50), ade_app, autocommit, tenant set once per held connection',
  listBareHeld: 'list read (LIMIT 50), owner, autocommit, held connection',
  insertPlain: 'plain INSERT of an audit row, owner, autocommit (baseline)',
  auditOneChain: 'AuditLogRepository.append, ade_app, one chain',
  auditEightChains: 'AuditLogRepository.append, ade_app, 8 chains (one per writer)',
  auditOneChainIndexed: 'the same append with an indexable head lookup (bench copy), one chain',
  auditEightChainsIndexed: 'the same append with an indexable head lookup (bench copy), 8 chains',
} as const;
export type ModeName = keyof typeof MODES;

/** The ratios reported: [name, measured mode, baseline mode]. */
export const RATIOS: ReadonlyArray<[string, ModeName, ModeName]> = [
  ['scopedReadToBare', 'pointScoped', 'pointBare'],
  ['transactionOnlyToBare', 'pointTx', 'pointBare'],
  ['transactionAndSettingsToBare', 'pointTxSettings', 'pointBare'],
  ['policyOnlyToHeldBare', 'pointPolicyOnly', 'pointBareHeld'],
  ['scopedToSameStatementsAsOwner', 'pointScoped', 'pointTxSettings'],
  ['scopedListToBareList', 'listScoped', 'listBare'],
  ['listPolicyOnlyToHeldBareList', 'listPolicyOnly', 'listBareHeld'],
  ['auditAppendOneChainToPlainInsert', 'auditOneChain', 'insertPlain'],
  ['auditAppendEightChainsToPlainInsert', 'auditEightChains', 'insertPlain'],
  ['indexedAppendOneChainToPlainInsert', 'auditOneChainIndexed', 'insertPlain'],
  ['indexedAppendEightChainsToPlainInsert', 'auditEightChainsIndexed', 'insertPlain'],
];

// ---------------------------------------------------------------------------------------------
// Statistics (pure)

export interface RoundStats {
  ops: number;
  medianUs: number;
  p95Us: number;
  opsPerSec: number;
}

export interface ModeStats extends RoundStats {
  rounds: RoundStats[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** One round of one mode: per-operation latencies (µs) and the round's wall time. */
export function summarizeRound(latenciesUs: readonly number[], wallMs: number): RoundStats {
  return {
    ops: latenciesUs.length,
    medianUs: round(median(latenciesUs), 1),
    p95Us: round(percentile(latenciesUs, 95), 1),
    opsPerSec: round(latenciesUs.length / (wallMs / 1000)),
  };
}

/** A mode over all rounds: the median of each round's figures (robust to one disturbed round). */
export function combineRounds(rounds: readonly RoundStats[]): ModeStats {
  return {
    ops: rounds.reduce((sum, r) => sum + r.ops, 0),
    medianUs: round(median(rounds.map((r) => r.medianUs)), 1),
    p95Us: round(median(rounds.map((r) => r.p95Us)), 1),
    opsPerSec: round(median(rounds.map((r) => r.opsPerSec))),
    rounds: [...rounds],
  };
}

export interface Ratio {
  /** Median over rounds of (mode's median latency / baseline's median latency in the same round). */
  latency: number;
  /** Median over rounds of (baseline ops/s / mode ops/s in the same round): the throughput cost. */
  throughput: number;
}

/** Ratios taken round by round (both measured minutes apart at most), then the median. */
export function roundRatio(mode: readonly RoundStats[], baseline: readonly RoundStats[]): Ratio {
  if (mode.length !== baseline.length || mode.length === 0) throw new Error('ratio needs the same rounds on both sides');
  return {
    latency: round(median(mode.map((m, i) => m.medianUs / baseline[i]!.medianUs)), 2),
    throughput: round(median(mode.map((m, i) => baseline[i]!.opsPerSec / m.opsPerSec)), 2),
  };
}

export function ratiosFor(modes: Partial<Record<ModeName, ModeStats>>): Record<string, Ratio> {
  const ratios: Record<string, Ratio> = {};
  for (const [name, mode, baseline] of RATIOS) {
    const m = modes[mode];
    const b = modes[baseline];
    if (m && b) ratios[name] = roundRatio(m.rounds, b.rounds);
  }
  return ratios;
}

/** The order modes run in during round `index`: rotated each round so none always runs first. */
export function roundOrder<T>(modes: readonly T[], index: number): T[] {
  const shift = modes.length === 0 ? 0 : index % modes.length;
  return [...modes.slice(shift), ...modes.slice(0, shift)];
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

// ---------------------------------------------------------------------------------------------
// Report (pure)

export interface SecurityBenchResult {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string | undefined;
    memoryGiB: number;
    node: string;
    postgres: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  setup: BenchOptions & { poolSize: number; pipelines: number };
  /** By concurrency ("1", "8"), by mode. */
  modes: Record<string, Partial<Record<ModeName, ModeStats>>>;
  ratios: Record<string, Record<string, Ratio>>;
  /** The bench's chains (verified after the run) and audit_events' size at the end, filler included. */
  auditChains: { verified: boolean; entries: number; chains: number; tableRowsAtEnd: number };
  plans: Record<'pointBare' | 'pointScoped' | 'listBare' | 'listScoped', string>;
  /** Planning and execution inside PostgreSQL (EXPLAIN ANALYZE), concurrency 1, no round trips. */
  serverSide: Record<'pointBare' | 'pointPolicy' | 'listBare' | 'listPolicy' | 'auditLastEntry' | 'auditLastEntryIndexed', ServerSideTimes>;
  durationMs: number;
}

export function formatTable(result: Pick<SecurityBenchResult, 'modes' | 'ratios'>): string {
  const lines: string[] = [];
  const width = Math.max(...Object.values(MODES).map((label) => label.length)) + 2;
  for (const [concurrency, modes] of Object.entries(result.modes)) {
    lines.push(`concurrency ${concurrency}`);
    lines.push(`${'mode'.padEnd(width)} ${'median µs'.padStart(10)} ${'p95 µs'.padStart(10)} ${'ops/s'.padStart(8)}`);
    for (const name of Object.keys(MODES) as ModeName[]) {
      const stats = modes[name];
      if (!stats) continue;
      lines.push(
        `${MODES[name].padEnd(width)} ${stats.medianUs.toFixed(1).padStart(10)} ${stats.p95Us.toFixed(1).padStart(10)} ${String(stats.opsPerSec).padStart(8)}`,
      );
    }
    const ratios = result.ratios[concurrency] ?? {};
    lines.push(`${'ratio'.padEnd(40)} ${'latency ×'.padStart(10)} ${'throughput ×'.padStart(13)}`);
    for (const [name, ratio] of Object.entries(ratios)) {
      lines.push(`${name.padEnd(40)} ${ratio.latency.toFixed(2).padStart(10)} ${ratio.throughput.toFixed(2).padStart(13)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Measurement

type Op = (worker: number, index: number) => Promise<void>;

interface Prepared {
  op: Op;
  done?: () => Promise<void>;
}

/** Runs `ops` operations on `concurrency` workers pulling from one counter; latency per operation. */
async function timeOps(concurrency: number, ops: number, op: Op): Promise<RoundStats> {
  const latencies = new Array<number>(ops);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (;;) {
        const index = next++;
        if (index >= ops) return;
        const t0 = performance.now();
        await op(worker, index);
        latencies[index] = (performance.now() - t0) * 1000;
      }
    }),
  );
  return summarizeRound(latencies, performance.now() - started);
}

/** A deterministic stream of indexes (so every mode reads the same kind of spread). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function expectRows(rows: unknown[], count: number, mode: string): void {
  if (rows.length !== count) throw new Error(`${mode}: expected ${count} row(s), got ${rows.length}`);
}

interface Fixture {
  owner: DataSource;
  app: DataSource;
  tenants: string[];
  pipelines: Array<{ tenantId: string; id: string }>;
  byTenant: Map<string, string[]>;
  audit: AuditLogRepository;
  plainSeq: { next: number };
  auditTenants: string[];
}

function auditInput(tenantId: string, index: number): AuditEventInput {
  return {
    tenantId,
    actorType: 'user',
    actorId: '6f1d2c3b-0000-4000-8000-000000000001',
    actorRole: 'tenant_admin',
    action: 'PATCH /v1/pipelines/:id',
    resourceType: 'pipeline',
    resourceId: `pipeline-${index}`,
    outcome: 'success',
    statusCode: 200,
    requestId: `bench-${index}`,
    clientIp: '10.0.0.1',
    details: {},
  };
}

function prepareMode(fixture: Fixture, mode: ModeName, concurrency: number, roundIndex: number): Promise<Prepared> | Prepared {
  const next = lcg(7919 * (roundIndex + 1) + concurrency);
  const pick = () => fixture.pipelines[next() % fixture.pipelines.length]!;
  const tenant = () => fixture.tenants[next() % fixture.tenants.length]!;
  switch (mode) {
    case 'pointBare':
      return {
        op: async () => {
          const p = pick();
          expectRows(await fixture.owner.query(POINT_READ, [p.tenantId, p.id]), 1, mode);
        },
      };
    case 'pointTx':
      return {
        op: async () => {
          const p = pick();
          expectRows(await fixture.owner.transaction((tx) => tx.query(POINT_READ, [p.tenantId, p.id])), 1, mode);
        },
      };
    case 'pointTxSettings':
      return {
        op: async () => {
          const p = pick();
          expectRows(await inTenantScope(fixture.owner, p.tenantId, (tx) => tx.query(POINT_READ, [p.tenantId, p.id])), 1, mode);
        },
      };
    case 'pointScoped':
      return {
        op: async () => {
          const p = pick();
          expectRows(await inTenantScope(fixture.app, p.tenantId, (tx) => tx.query(POINT_READ, [p.tenantId, p.id])), 1, mode);
        },
      };
    case 'pointPolicyOnly':
      return prepareHeld(fixture, 'app', 'point', concurrency, roundIndex, next);
    case 'pointBareHeld':
      return prepareHeld(fixture, 'owner', 'point', concurrency, roundIndex, next);
    case 'listPolicyOnly':
      return prepareHeld(fixture, 'app', 'list', concurrency, roundIndex, next);
    case 'listBareHeld':
      return prepareHeld(fixture, 'owner', 'list', concurrency, roundIndex, next);
    case 'listBare':
      return {
        op: async () => {
          const t = tenant();
          expectRows(await fixture.owner.query(LIST_READ, [t]), 50, mode);
        },
      };
    case 'listScoped':
      return {
        op: async () => {
          const t = tenant();
          expectRows(await inTenantScope(fixture.app, t, (tx) => tx.query(LIST_READ, [t])), 50, mode);
        },
      };
    case 'insertPlain':
      return {
        op: async (worker, index) => {
          const input = auditInput(fixture.auditTenants[worker % fixture.auditTenants.length]!, index);
          await fixture.owner.query(PLAIN_INSERT, [
            input.tenantId,
            fixture.plainSeq.next++,
            new Date().toISOString(),
            input.actorType,
            input.actorId,
            input.actorRole,
            input.action,
            input.resourceType,
            input.resourceId,
            input.outcome,
            input.statusCode,
            input.requestId,
            input.clientIp,
            JSON.stringify(input.details),
            FAKE_HASH,
            FAKE_HASH,
          ]);
        },
      };
    case 'auditOneChain':
      return { op: async (_, index) => void (await fixture.audit.append(auditInput(fixture.auditTenants[0]!, index))) };
    case 'auditEightChains':
      return {
        op: async (worker, index) => void (await fixture.audit.append(auditInput(fixture.auditTenants[worker % fixture.auditTenants.length]!, index))),
      };
    case 'auditOneChainIndexed':
      return { op: (_, index) => appendIndexed(fixture.app, auditInput(fixture.auditTenants[0]!, index)) };
    case 'auditEightChainsIndexed':
      return { op: (worker, index) => appendIndexed(fixture.app, auditInput(fixture.auditTenants[worker % fixture.auditTenants.length]!, index)) };
  }
}

/**
 * AuditLogRepository.appendIn step for step (tenant scope, the chain's advisory lock, head
 * lookup, hash, insert) except that the head is looked up with `tenant_id = $1`, which the
 * (tenant_id, seq) index answers, instead of `IS NOT DISTINCT FROM`, which it cannot. It appends
 * to the same chains under the same lock, so the chains stay verifiable. Tenant chains only.
 */
async function appendIndexed(app: DataSource, input: AuditEventInput): Promise<void> {
  const tenantId = input.tenantId!;
  await inTenantScope(app, tenantId, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit:' || coalesce($1::text, 'platform')))`, [tenantId]);
    const last: Array<{ seq: string; hash: string }> = await tx.query(AUDIT_LAST_ENTRY_INDEXED, [tenantId]);
    const withoutHash: Omit<AuditEntry, 'hash'> = {
      ...input,
      seq: last[0] ? Number(last[0].seq) + 1 : 1,
      at: canonicalTimestamp(new Date()),
      prevHash: last[0]?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...withoutHash, hash: auditEntryHash(withoutHash) };
    await tx.query(`INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`, [
      entry.tenantId,
      entry.seq,
      entry.at,
      entry.actorType,
      entry.actorId,
      entry.actorRole,
      entry.action,
      entry.resourceType,
      entry.resourceId,
      entry.outcome,
      entry.statusCode,
      entry.requestId,
      entry.clientIp,
      JSON.stringify(entry.details),
      entry.prevHash,
      entry.hash,
    ]);
  });
}

/**
 * The policy alone: each worker holds one connection and reads one tenant's pipelines in
 * autocommit, so each read is one round trip. As ade_app the tenant is set once for the session
 * (and cleared before the connection goes back to the pool) and RLS filters every read; as the
 * owner the same reads on held connections are its baseline (no pool checkout per read, the same
 * tenant per worker).
 */
async function prepareHeld(
  fixture: Fixture,
  role: 'owner' | 'app',
  read: 'point' | 'list',
  concurrency: number,
  roundIndex: number,
  next: () => number,
): Promise<Prepared> {
  const runners: QueryRunner[] = [];
  const workerTenants: string[] = [];
  const label = `${read} ${role} held`;
  try {
    for (let worker = 0; worker < concurrency; worker++) {
      const tenantId = fixture.tenants[(roundIndex * concurrency + worker) % fixture.tenants.length]!;
      const runner = fixture[role].createQueryRunner();
      runners.push(runner);
      await runner.connect();
      if (role === 'app') await runner.query(`SELECT set_config('ade.tenant_id', $1, false)`, [tenantId]);
      workerTenants.push(tenantId);
    }
  } catch (error) {
    await releaseHeld(runners, role);
    throw error;
  }
  return {
    op: async (worker) => {
      const tenantId = workerTenants[worker]!;
      if (read === 'list') {
        expectRows(await runners[worker]!.query(LIST_READ, [tenantId]), 50, label);
        return;
      }
      const ids = fixture.byTenant.get(tenantId)!;
      expectRows(await runners[worker]!.query(POINT_READ, [tenantId, ids[next() % ids.length]!]), 1, label);
    },
    done: () => releaseHeld(runners, role),
  };
}

async function releaseHeld(runners: QueryRunner[], role: 'owner' | 'app'): Promise<void> {
  for (const runner of runners) {
    if (role === 'app') await runner.query(`SELECT set_config('ade.tenant_id', '', false)`).catch(() => undefined);
    await runner.release();
  }
}

const READ_MODES: ModeName[] = [
  'pointBare',
  'pointTx',
  'pointTxSettings',
  'pointScoped',
  'pointPolicyOnly',
  'pointBareHeld',
  'listBare',
  'listScoped',
  'listPolicyOnly',
  'listBareHeld',
];

const AUDIT_MODES: ModeName[] = ['insertPlain', 'auditOneChain', 'auditEightChains', 'auditOneChainIndexed', 'auditEightChainsIndexed'];

function modesAt(concurrency: number): ModeName[] {
  // With one writer, "8 chains" is the same as one chain.
  const audit = concurrency === 1 ? AUDIT_MODES.filter((mode) => !mode.startsWith('auditEightChains')) : AUDIT_MODES;
  return [...READ_MODES, ...audit];
}

async function measure(fixture: Fixture, mode: ModeName, concurrency: number, roundIndex: number, ops: number): Promise<RoundStats> {
  const prepared = await prepareMode(fixture, mode, concurrency, roundIndex);
  try {
    return await timeOps(concurrency, ops, prepared.op);
  } finally {
    await prepared.done?.();
  }
}

async function seed(ownerUrl: string, schema: string, options: BenchOptions): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO tenants (id, slug, name, catalog_name, catalog_status)
       SELECT gen_random_uuid(), 'bench-' || g, 'Bench tenant ' || g, 'bench_' || g, 'ready' FROM generate_series(1, $1::int) g`,
      [options.tenants],
    );
    await client.query(
      `INSERT INTO pipelines (id, tenant_id, name, data_type, source_path, source_format, target_table, created_at, updated_at)
       SELECT gen_random_uuid(), t.id, 'pipeline-' || g, 'professional_claims', 'landing/' || t.slug || '/p' || g, 'csv', 'claims_' || g,
              now() - g * interval '1 minute', now()
       FROM tenants t CROSS JOIN generate_series(1, $1::int) g`,
      [options.pipelinesPerTenant],
    );
    // The baseline's table: audit_events' shape, checks and indexes; no chain, no lock, no RLS.
    await client.query(`CREATE TABLE audit_plain (LIKE audit_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    await client.query(`ANALYZE tenants`);
    await client.query(`ANALYZE pipelines`);
  } finally {
    await client.end();
  }
}

/** Other tenants' audit entries (well-formed, not real chains), so the table has a production-like size. */
async function seedAuditFiller(owner: DataSource, tenantIds: string[], rows: number): Promise<void> {
  if (rows <= 0 || tenantIds.length === 0) return;
  await owner.query(
    `INSERT INTO audit_events (tenant_id, seq, at, actor_type, actor_id, actor_role, action, resource_type, resource_id, outcome,
       status_code, request_id, client_ip, details, prev_hash, hash)
     SELECT t.ids[1 + (g % cardinality(t.ids))], 1 + g / cardinality(t.ids), now() - (($2::int - g) * interval '1 second'), 'user', NULL,
            'tenant_admin', 'GET /v1/pipelines', 'pipeline', NULL, 'success', 200, 'filler-' || g, '10.0.0.2', '{}'::jsonb,
            md5(g::text || 'p') || md5(g::text || 'q'), md5(g::text) || md5(g::text || 'h')
     FROM (SELECT $1::uuid[] AS ids) t CROSS JOIN generate_series(0, $2::int - 1) g`,
    [tenantIds, rows],
  );
  await owner.query(`ANALYZE audit_events`);
}

async function explain(dataSource: DataSource, scoped: boolean, sql: string, tenantId: string): Promise<string> {
  const run = (query: string): Promise<Array<{ 'QUERY PLAN': string }>> =>
    scoped ? inTenantScope(dataSource, tenantId, (tx) => tx.query(query)) : dataSource.query(query);
  const rows = await run(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${sql}`);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export interface ServerSideTimes {
  samples: number;
  planningUs: number;
  executionUs: number;
}

/**
 * Server-side cost of one read, without the round trips: the median planning and execution
 * times EXPLAIN ANALYZE reports over `samples` runs on one held connection (as ade_app with the
 * tenant set for the session, so RLS applies; as the owner without).
 */
async function serverSide(dataSource: DataSource, role: 'owner' | 'app', sql: string, params: string[], samples: number): Promise<ServerSideTimes> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const planning: number[] = [];
  const execution: number[] = [];
  try {
    if (role === 'app') await runner.query(`SELECT set_config('ade.tenant_id', $1, false)`, [params[0]]);
    for (let i = 0; i < samples; i++) {
      const rows: Array<{ 'QUERY PLAN': string }> = await runner.query(`EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) ${sql}`, params);
      const text = rows.map((r) => r['QUERY PLAN']).join('\n');
      planning.push(Number(/Planning Time: ([\d.]+) ms/.exec(text)?.[1]) * 1000);
      execution.push(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1]) * 1000);
    }
  } finally {
    await releaseHeld([runner], role);
  }
  return { samples, planningUs: round(median(planning), 1), executionUs: round(median(execution), 1) };
}

/** The two reads with literal values (generated uuids): the custom plan a first execution gets. */
function literal(sql: string, tenantId: string, id?: string): string {
  return sql.replace('$1', `'${tenantId}'`).replace('$2', `'${id ?? ''}'`);
}

export async function runSecurityBench(overrides: Partial<BenchOptions> = {}, log: (line: string) => void = () => undefined): Promise<SecurityBenchResult> {
  const options: BenchOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const started = performance.now();
  const loadAverageBefore = loadavg().map((v) => round(v, 2));
  const ownerUrl = testDatabaseUrl;
  const database = await createIsolatedSchema('bench_security');
  const config = new DatabaseConfig(new Secret(testAppDatabaseUrl), database.schema, new Secret(ownerUrl));
  let owner: DataSource | undefined;
  let app: DataSource | undefined;
  try {
    await migrateDatabase(config);
    await seed(ownerUrl, database.schema, options);
    // dataSourceOptions gives each pool 10 connections, as the control plane has (POOL_SIZE).
    owner = await new DataSource(dataSourceOptions(config, ownerUrl)).initialize();
    app = await new DataSource(dataSourceOptions(config)).initialize();

    const rows: Array<{ tenant_id: string; id: string }> = await owner.query(`SELECT tenant_id, id FROM pipelines ORDER BY tenant_id, id`);
    const byTenant = new Map<string, string[]>();
    for (const row of rows) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    const tenants = [...byTenant.keys()];
    const scope = new DatabaseScope(app);
    const fixture: Fixture = {
      owner,
      app,
      tenants,
      pipelines: rows.map((r) => ({ tenantId: r.tenant_id, id: r.id })),
      byTenant,
      audit: new AuditLogRepository(scope),
      plainSeq: { next: 1 },
      auditTenants: tenants.slice(0, 8),
    };
    await seedAuditFiller(owner, tenants.slice(fixture.auditTenants.length), options.auditFillerRows);
    const [{ server_version: postgres }] = (await owner.query('SHOW server_version')) as Array<{ server_version: string }>;
    log(`schema ${database.schema}: ${tenants.length} tenants, ${rows.length} pipelines; PostgreSQL ${postgres}`);

    // Warm-up: fills both pools and the caches, unmeasured.
    for (const concurrency of options.concurrencies) {
      for (const mode of modesAt(concurrency)) await measure(fixture, mode, concurrency, 0, options.warmupOps);
    }

    const perRound: Record<string, Partial<Record<ModeName, RoundStats[]>>> = {};
    for (let r = 0; r < options.rounds; r++) {
      for (const concurrency of options.concurrencies) {
        const bucket = (perRound[concurrency] ??= {});
        for (const mode of roundOrder(modesAt(concurrency), r)) {
          const ops = AUDIT_MODES.includes(mode) ? options.auditOps : options.readOps;
          const stats = await measure(fixture, mode, concurrency, r + 1, ops);
          (bucket[mode] ??= []).push(stats);
        }
      }
      log(`round ${r + 1}/${options.rounds} done (${Math.round((performance.now() - started) / 1000)} s)`);
    }

    const modes: SecurityBenchResult['modes'] = {};
    const ratios: SecurityBenchResult['ratios'] = {};
    for (const [concurrency, bucket] of Object.entries(perRound)) {
      const combined: Partial<Record<ModeName, ModeStats>> = {};
      for (const [mode, stats] of Object.entries(bucket) as Array<[ModeName, RoundStats[]]>) combined[mode] = combineRounds(stats);
      modes[concurrency] = combined;
      ratios[concurrency] = ratiosFor(combined);
    }

    // The concurrent appends must have left intact chains: seq without gaps, every hash linking.
    const service = new AuditLogService(fixture.audit, scope);
    let entries = 0;
    let verified = true;
    for (const tenantId of fixture.auditTenants) {
      const verification = await service.verify(tenantId);
      entries += verification.entries;
      verified &&= verification.ok;
    }

    const sample = fixture.pipelines[0]!;
    const point = literal(POINT_READ, sample.tenantId, sample.id);
    const list = literal(LIST_READ, sample.tenantId);
    const plans = {
      pointBare: await explain(owner, false, point, sample.tenantId),
      pointScoped: await explain(app, true, point, sample.tenantId),
      listBare: await explain(owner, false, list, sample.tenantId),
      listScoped: await explain(app, true, list, sample.tenantId),
    };
    const samples = Math.min(200, options.readOps);
    const pointParams = [sample.tenantId, sample.id];
    const serverSideTimes = {
      pointBare: await serverSide(owner, 'owner', POINT_READ, pointParams, samples),
      pointPolicy: await serverSide(app, 'app', POINT_READ, pointParams, samples),
      listBare: await serverSide(owner, 'owner', LIST_READ, [sample.tenantId], samples),
      listPolicy: await serverSide(app, 'app', LIST_READ, [sample.tenantId], samples),
      auditLastEntry: await serverSide(app, 'app', AUDIT_LAST_ENTRY, [fixture.auditTenants[0]!], samples),
      auditLastEntryIndexed: await serverSide(app, 'app', AUDIT_LAST_ENTRY_INDEXED, [fixture.auditTenants[0]!], samples),
    };
    const [{ count: auditRows }] = (await owner.query(`SELECT count(*)::int AS count FROM audit_events`)) as Array<{ count: number }>;
    return {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres,
        loadAverageBefore,
        loadAverageAfter: loadavg().map((v) => round(v, 2)),
      },
      setup: { ...options, poolSize: POOL_SIZE, pipelines: rows.length },
      modes,
      ratios,
      auditChains: { verified, entries, chains: fixture.auditTenants.length, tableRowsAtEnd: auditRows },
      plans,
      serverSide: serverSideTimes,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    await owner?.destroy();
    await app?.destroy();
    await database.drop();
  }
}

async function main(): Promise<void> {
  const [rounds, readOps, auditOps] = process.argv.slice(2).map(Number);
  const result = await runSecurityBench(
    { ...(rounds ? { rounds } : {}), ...(readOps ? { readOps } : {}), ...(auditOps ? { auditOps } : {}) },
    (line) => process.stderr.write(`${line}\n`),
  );
  const out = process.env['BENCH_OUT'] ?? resolve(__dirname, '../../../bench/security/results.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${formatTable(result)}\n`);
  process.stdout.write(
    `audit chains verified: ${result.auditChains.verified} (${result.auditChains.entries} entries in ${result.auditChains.chains} chains; audit_events ${result.auditChains.tableRowsAtEnd} rows at the end)\n`,
  );
  process.stdout.write(`server side (EXPLAIN ANALYZE medians, µs): ${JSON.stringify(result.serverSide)}\n`);
  process.stdout.write(`load average before ${result.machine.loadAverageBefore.join(' ')}, after ${result.machine.loadAverageAfter.join(' ')}; ${Math.round(result.durationMs / 1000)} s\n`);
}

if (typeof require !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
