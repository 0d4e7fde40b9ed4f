import type { DataSource, QueryRunner } from 'typeorm';
import type { AuditEventInput } from '../../apps/control-plane/src/audit/audit-event';
import type { AuditLogRepository } from '../../apps/control-plane/src/audit/audit-log.repository';
import { inTenantScope, readInTenantScope } from '../../apps/control-plane/src/database/database-scope';
import { summarizeRound, type ModeName, type RoundStats } from './security-report';

/**
 * bench/security, the measurement: the statements each mode sends and the loop that times them.
 * Every read checks its row count, so a scope that hid the rows fails the bench instead of looking fast.
 */

const COLUMNS = `id, tenant_id, name, data_type, source_path, source_format, target_table, schedule, options, quality, created_at, updated_at`;
export const POINT_READ = `SELECT ${COLUMNS} FROM pipelines WHERE tenant_id = $1 AND id = $2`;
export const LIST_READ = `SELECT ${COLUMNS} FROM pipelines WHERE tenant_id = $1 ORDER BY created_at LIMIT 50`;
const AUDIT_COLUMNS = `tenant_id, seq, at, actor_type, actor_id, actor_role, action, resource_type, resource_id, outcome,
  status_code, request_id, client_ip, details, prev_hash, hash`;
const PLAIN_INSERT = `INSERT INTO audit_plain (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`;
const FAKE_HASH = 'ab'.repeat(32);

/** The repository's own chain-head lookup: the bench times and explains exactly what appends run. */
export { chainHeadSql } from '../../apps/control-plane/src/audit/audit-log.repository';

export type Op = (worker: number, index: number) => Promise<void>;

interface Prepared {
  op: Op;
  done?: () => Promise<void>;
}

export interface Fixture {
  owner: DataSource;
  app: DataSource;
  tenants: string[];
  pipelines: Array<{ tenantId: string; id: string }>;
  byTenant: Map<string, string[]>;
  audit: AuditLogRepository;
  plainSeq: { next: number };
  auditTenants: string[];
}

const READ_MODES: ModeName[] = [
  'pointBare',
  'pointTx',
  'pointTxSettings',
  'pointScoped',
  'pointScopedRead',
  'pointPolicyOnly',
  'pointBareHeld',
  'listBare',
  'listScoped',
  'listScopedRead',
  'listPolicyOnly',
  'listBareHeld',
];

export const AUDIT_MODES: ModeName[] = ['insertPlain', 'auditOneChain', 'auditEightChains'];

/** The modes measured at a concurrency: with one writer, "8 chains" is the same as one chain. */
export function modesAt(concurrency: number): ModeName[] {
  const audit = concurrency === 1 ? AUDIT_MODES.filter((mode) => mode !== 'auditEightChains') : AUDIT_MODES;
  return [...READ_MODES, ...audit];
}

/** Runs `ops` operations on `concurrency` workers pulling from one counter; latency per operation. */
export async function timeOps(concurrency: number, ops: number, op: Op): Promise<RoundStats> {
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

export async function measure(fixture: Fixture, mode: ModeName, concurrency: number, roundIndex: number, ops: number): Promise<RoundStats> {
  const prepared = await prepareMode(fixture, mode, concurrency, roundIndex);
  try {
    return await timeOps(concurrency, ops, prepared.op);
  } finally {
    await prepared.done?.();
  }
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

export function auditInput(tenantId: string, index: number): AuditEventInput {
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
  const pointIn = (dataSource: DataSource, scope: 'none' | 'transaction' | 'oneMessage'): Prepared => ({
    op: async () => {
      const p = pick();
      const params = [p.tenantId, p.id];
      const rows: unknown[] =
        scope === 'transaction'
          ? await inTenantScope(dataSource, p.tenantId, (tx) => tx.query(POINT_READ, params))
          : scope === 'oneMessage'
            ? await readInTenantScope(dataSource, p.tenantId, (manager) => manager.query(POINT_READ, params))
            : await dataSource.query(POINT_READ, params);
      expectRows(rows, 1, mode);
    },
  });
  switch (mode) {
    case 'pointBare':
      return pointIn(fixture.owner, 'none');
    case 'pointTx':
      return {
        op: async () => {
          const p = pick();
          expectRows(await fixture.owner.transaction((tx) => tx.query(POINT_READ, [p.tenantId, p.id])), 1, mode);
        },
      };
    case 'pointTxSettings':
      return pointIn(fixture.owner, 'transaction');
    case 'pointScoped':
      return pointIn(fixture.app, 'transaction');
    case 'pointScopedRead':
      return pointIn(fixture.app, 'oneMessage');
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
    case 'listScopedRead':
      return {
        op: async () => {
          const t = tenant();
          expectRows(await readInTenantScope(fixture.app, t, (manager) => manager.query(LIST_READ, [t])), 50, mode);
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
  }
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

/** Clears the session settings an `ade_app` connection was given, then returns the connections to the pool. */
export async function releaseHeld(runners: QueryRunner[], role: 'owner' | 'app'): Promise<void> {
  for (const runner of runners) {
    if (role === 'app') {
      await runner.query(`SELECT set_config('ade.tenant_id', '', false), set_config('ade.platform', '', false)`).catch(() => undefined);
    }
    await runner.release();
  }
}
