import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Secret } from '@ade/config';
import { createIsolatedSchema, testAppDatabaseUrl, testDatabaseUrl } from '@ade/testing';
import { AuditLogRepository } from '../../apps/control-plane/src/audit/audit-log.repository';
import { AuditLogService } from '../../apps/control-plane/src/audit/audit-log.service';
import { DatabaseConfig } from '../../apps/control-plane/src/config/control-plane.config';
import { dataSourceOptions } from '../../apps/control-plane/src/database/data-source-options';
import { DatabaseScope, inTenantScope } from '../../apps/control-plane/src/database/database-scope';
import { migrateDatabase } from '../../apps/control-plane/src/database/migrate';
import { TenantsRepository } from '../../apps/control-plane/src/tenants/tenants.repository';
import { median, round } from '../support/stats';
import { AUDIT_MODES, chainHeadSql, LIST_READ, measure, modesAt, POINT_READ, releaseHeld, type Fixture } from './security-modes';
import {
  combineRounds,
  formatTable,
  ratiosFor,
  roundOrder,
  type BenchOptions,
  type ModeName,
  type ModeStats,
  type RoundStats,
  type SecurityBenchResult,
  type ServerSideTimes,
} from './security-report';

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
 * - the real `AuditLogRepository.append` (one chain; 8 writers on one chain; 8 writers on 8
 *   chains) against a plain INSERT of the same row into a copy of audit_events as the owner, with
 *   `auditFillerRows` entries of other tenants' chains in audit_events first;
 * - server-side planning and execution times (EXPLAIN ANALYZE) of the reads with and without
 *   the policy, and of the append's chain-head lookup (tenant and platform chain).
 *
 * The modes are in security-modes.ts, the statistics and the table in security-report.ts.
 *
 * Usage: node dist/bench/security/bench-security.js [rounds] [readOpsPerRound] [auditOpsPerRound]
 */

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

/**
 * Server-side cost of one statement, without the round trips: the median planning and execution
 * times EXPLAIN ANALYZE reports over `samples` runs on one held connection: as the owner (no
 * policy), as ade_app with the tenant `params[0]` set for the session (RLS applies), or as ade_app
 * in platform scope (`ade.platform` on, as `DatabaseScope.asPlatform` sets it).
 */
async function serverSide(
  dataSource: DataSource,
  session: 'owner' | 'tenant' | 'platform',
  sql: string,
  params: Array<string | null>,
  samples: number,
): Promise<ServerSideTimes> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const planning: number[] = [];
  const execution: number[] = [];
  try {
    if (session === 'tenant') await runner.query(`SELECT set_config('ade.tenant_id', $1, false)`, [params[0]]);
    if (session === 'platform') await runner.query(`SELECT set_config('ade.platform', 'on', false)`);
    for (let i = 0; i < samples; i++) {
      const rows: Array<{ 'QUERY PLAN': string }> = await runner.query(`EXPLAIN (ANALYZE, TIMING OFF, COSTS OFF, SUMMARY ON) ${sql}`, params);
      const text = rows.map((r) => r['QUERY PLAN']).join('\n');
      planning.push(Number(/Planning Time: ([\d.]+) ms/.exec(text)?.[1]) * 1000);
      execution.push(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1]) * 1000);
    }
  } finally {
    await releaseHeld([runner], session === 'owner' ? 'owner' : 'app');
  }
  return { samples, planningUs: round(median(planning), 1), executionUs: round(median(execution), 1) };
}

/** A statement with literal values (generated uuids) for EXPLAIN: the custom plan a first execution gets. */
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
    const service = new AuditLogService(fixture.audit, new TenantsRepository(scope));
    let entries = 0;
    let verified = true;
    for (const tenantId of fixture.auditTenants) {
      const verification = await service.verify(tenantId);
      entries += verification.entries;
      verified &&= verification.ok;
    }

    const sample = fixture.pipelines[0]!;
    const auditTenant = fixture.auditTenants[0]!;
    const point = literal(POINT_READ, sample.tenantId, sample.id);
    const list = literal(LIST_READ, sample.tenantId);
    const plans = {
      pointBare: await explain(owner, false, point, sample.tenantId),
      pointScoped: await explain(app, true, point, sample.tenantId),
      listBare: await explain(owner, false, list, sample.tenantId),
      listScoped: await explain(app, true, list, sample.tenantId),
      auditLastEntry: await explain(app, true, literal(chainHeadSql(auditTenant), auditTenant), auditTenant),
    };
    const samples = Math.min(200, options.readOps);
    const pointParams = [sample.tenantId, sample.id];
    const serverSideTimes = {
      pointBare: await serverSide(owner, 'owner', POINT_READ, pointParams, samples),
      pointPolicy: await serverSide(app, 'tenant', POINT_READ, pointParams, samples),
      listBare: await serverSide(owner, 'owner', LIST_READ, [sample.tenantId], samples),
      listPolicy: await serverSide(app, 'tenant', LIST_READ, [sample.tenantId], samples),
      // The append's head lookup as the repository sends it, on a tenant chain and on the platform chain.
      auditLastEntry: await serverSide(app, 'tenant', chainHeadSql(auditTenant), [auditTenant], samples),
      auditLastEntryPlatform: await serverSide(app, 'platform', chainHeadSql(null), [null], samples),
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
