import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Secret } from '@ade/config';
import { createIsolatedSchema, dropQueuePrefix, testAppDatabaseUrl, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { DatabaseConfig } from '../../apps/control-plane/src/config/control-plane.config';
import { migrateDatabase } from '../../apps/control-plane/src/database/migrate';
import { ApiClient } from '../../apps/cli/src/api-client';
import { startNodeProcess, stopProcess, tailOf, waitUntilHealthy, type ManagedProcess } from '../../scripts/demo/child-process';
import { freePort } from '../../scripts/demo/free-port';
import { round } from '../support/stats';
import { formatTable, summarize, type ScenarioName, type ScenarioRound } from './api-report';

/**
 * bench/api: what an API request costs end to end, against the floor of a bare NestJS endpoint
 * measured in the same run. The control plane runs as it is deployed (`dist/.../main.js`, its own
 * process, real PostgreSQL and Redis, JSON logs to a file), on a schema and queue prefix of its
 * own; a bare NestJS hello app (hello-app.ts) runs beside it. autocannon drives each scenario at
 * 50 connections, in rounds whose order rotates, after one unmeasured warm-up of each.
 *
 * Usage: node dist/bench/api/bench-api.js [rounds] [secondsPerLoad]
 * With BENCH_API_PROFILE_DIR set, the control plane writes a V8 CPU profile there when it stops.
 */
const projectRoot = resolve(__dirname, '..', '..', '..');
const CONNECTIONS = 50;
const PIPELINES = 20;

const LABELS: Record<ScenarioName, string> = {
  hello: 'bare NestJS hello (**baseline**)',
  health: 'GET /v1/health (public)',
  pipelinesList: 'GET /v1/pipelines (JWT, tenant admin)',
  runTrigger: 'POST /v1/pipelines/:id/runs (JWT, tenant admin)',
};

interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const seconds = Number(process.argv[3] ?? 10);
  const started = Date.now();
  const loadAverageBefore = loadavg().map((v) => round(v, 2));
  const logDir = await mkdtemp(join(tmpdir(), 'ade-bench-api-'));
  const database = await createIsolatedSchema('bench_api');
  const queuePrefix = uniqueQueuePrefix('bench-api');
  await migrateDatabase(new DatabaseConfig(new Secret(testAppDatabaseUrl), database.schema, new Secret(database.databaseUrl)));

  const operator = { email: 'operator@bench.test', password: randomBytes(12).toString('hex') };
  const [apiPort, helloPort] = [await freePort(0), await freePort(0)];
  const processes: ManagedProcess[] = [
    startNodeProcess('control plane', join(projectRoot, 'dist/apps/control-plane/src/main.js'), {
      PORT: String(apiPort),
      DATABASE_URL: testAppDatabaseUrl,
      DATABASE_SCHEMA: database.schema,
      REDIS_URL: testRedisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      QUEUE_SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      BOOTSTRAP_OPERATOR_EMAIL: operator.email,
      BOOTSTRAP_OPERATOR_PASSWORD: operator.password,
      // High enough never to refuse; the limiter still counts every request.
      API_RATE_LIMIT_PER_MINUTE: '1000000',
    }, join(logDir, 'control-plane.log'), profileArgs()),
    startNodeProcess('hello', join(projectRoot, 'dist/bench/api/hello-app.js'), { PORT: String(helloPort) }, join(logDir, 'hello.log')),
  ];
  try {
    const api = `http://127.0.0.1:${apiPort}`;
    await waitUntilHealthy(`${api}/v1/health`, processes, 'the control plane');
    await waitUntilHealthy(`http://127.0.0.1:${helloPort}/hello`, processes, 'the hello app');
    const admin = await seedTenant(api, operator);
    const auth = { authorization: `Bearer ${admin.token}` };
    const targets: Record<ScenarioName, Target> = {
      hello: { url: `http://127.0.0.1:${helloPort}/hello`, method: 'GET', headers: {} },
      health: { url: `${api}/v1/health`, method: 'GET', headers: {} },
      pipelinesList: { url: `${api}/v1/pipelines`, method: 'GET', headers: auth },
      runTrigger: { url: `${api}/v1/pipelines/${admin.pipelineIds[0]}/runs`, method: 'POST', headers: auth },
    };
    const names = selectedScenarios(Object.keys(targets) as ScenarioName[]);

    process.stdout.write(`warm-up: ${names.join(', ')}\n`);
    for (const name of names) await load(targets[name], Math.min(3, seconds));
    const measured: Array<Record<ScenarioName, ScenarioRound>> = [];
    for (let r = 0; r < rounds; r += 1) {
      const order = names.map((_, i) => names[(i + r) % names.length]!);
      const results = {} as Record<ScenarioName, ScenarioRound>;
      for (const name of order) {
        results[name] = await load(targets[name], seconds);
        process.stdout.write(`round ${r + 1} ${name}: ${results[name].requestsPerSecond} req/s, p99 ${results[name].p99Ms} ms\n`);
      }
      measured.push(results);
    }
    const summary = summarize(measured);
    const result = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, loadAverageBefore, loadAverageAfter: loadavg().map((v) => round(v, 2)) },
      options: { rounds, secondsPerLoad: seconds, connections: CONNECTIONS, pipelinesPerTenant: PIPELINES },
      summary,
      rounds: measured,
      durationMs: Date.now() - started,
    };
    process.stdout.write(`\n${formatTable(summary, LABELS)}\n`);
    // A run of some scenarios only is a probe, not a result to commit.
    if (names.length === Object.keys(targets).length) {
      await writeFile(join(projectRoot, 'bench/api/results.json'), `${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write('\nwrote bench/api/results.json\n');
    }
  } catch (error) {
    for (const p of processes) process.stderr.write(`--- ${p.name} log (last lines):\n${await tailOf(p.logPath)}\n`);
    throw error;
  } finally {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await database.drop();
    await dropQueuePrefix(queuePrefix);
    await rm(logDir, { recursive: true, force: true });
  }
}

/** BENCH_API_ONLY=pipelinesList keeps the profile to one scenario; the bare hello always runs as the baseline. */
function selectedScenarios(all: ScenarioName[]): ScenarioName[] {
  const only = process.env.BENCH_API_ONLY?.split(',').map((name) => name.trim());
  if (!only) return all;
  const unknown = only.filter((name) => !all.includes(name as ScenarioName));
  if (unknown.length > 0) throw new Error(`BENCH_API_ONLY names unknown scenarios: ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return all.filter((name) => name === 'hello' || only.includes(name));
}

function profileArgs(): string[] {
  const dir = process.env.BENCH_API_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(dir)}`] : [];
}

async function load(target: Target, seconds: number): Promise<ScenarioRound> {
  const result = await autocannon({ url: target.url, method: target.method, headers: target.headers, connections: CONNECTIONS, duration: seconds });
  return {
    requestsPerSecond: round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    unexpected: result.non2xx + result.errors + result.timeouts,
    requests: result.requests.total,
  };
}

async function seedTenant(api: string, operator: { email: string; password: string }): Promise<{ token: string; pipelineIds: string[] }> {
  const operatorClient = new ApiClient(api, (await new ApiClient(api, null).post<{ accessToken: string }>('/v1/auth/token', operator)).accessToken);
  const tenant = await operatorClient.post<{ id: string; catalog: { name: string } }>('/v1/tenants', { name: 'Bench Medicaid Plan', slug: 'bench-medicaid' });
  const admin = { email: 'admin@bench.test', password: randomBytes(12).toString('hex') };
  await operatorClient.post('/v1/users', { ...admin, role: 'tenant_admin', tenantId: tenant.id });
  const token = (await new ApiClient(api, null).post<{ accessToken: string }>('/v1/auth/token', admin)).accessToken;
  const adminClient = new ApiClient(api, token);
  const pipelineIds: string[] = [];
  for (let i = 1; i <= PIPELINES; i += 1) {
    const body = { name: `claims-${i}`, dataType: 'professional_claims', sourcePath: `claims/${i}`, targetTable: `${tenant.catalog.name}.silver.claims_${i}` };
    pipelineIds.push((await adminClient.post<{ id: string }>('/v1/pipelines', body)).id);
  }
  // A list that came back short would look fast: check the tenant sees all of its pipelines.
  const listed = await adminClient.get<{ items: unknown[] }>('/v1/pipelines');
  if (listed.items.length !== PIPELINES) throw new Error(`GET /v1/pipelines listed ${listed.items.length} of ${PIPELINES} pipelines`);
  return { token, pipelineIds };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-api failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
