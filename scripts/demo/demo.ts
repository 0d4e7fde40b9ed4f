import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Secret } from '@ade/config';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { ApiClient } from '../../apps/cli/src/api-client';
import type { CliIo } from '../../apps/cli/src/cli-io';
import { runCli } from '../../apps/cli/src/run-cli';
import { DatabaseConfig } from '../../apps/control-plane/src/config/control-plane.config';
import { migrateDatabase } from '../../apps/control-plane/src/database/migrate';
import { RECOMMENDED_MALLOC_ARENA_MAX } from '../../apps/data-plane-worker/src/config/malloc-arenas';
import { startNodeProcess, stopProcess, tailOf, waitUntilHealthy, type ManagedProcess } from './child-process';
import { DEMO_QUEUE_PREFIX, DEMO_SCHEMA, resetDemoEnvironment } from './demo-environment';
import { writeDriftedDelivery } from './drifted-files';
import { freePort } from './free-port';

const projectRoot = resolve(__dirname, '..', '..', '..');
const serve = process.argv.includes('--serve');
const claimRows = Number(process.env.DEMO_ROWS ?? 20_000);

interface RunSummary {
  id: string;
  status: string;
  bronzeTable: string;
  durationMs: number;
  counts: { rowsLoaded: number; filesQuarantined: number; filesSkipped: number };
  error: unknown;
}

const step = (text: string) => process.stdout.write(`\n==> ${text}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const started = Date.now();
  step('Checking PostgreSQL and Redis');
  const services = spawnSync('bash', [join(projectRoot, 'scripts', 'ensure-services.sh'), '--demo'], { stdio: 'inherit' });
  if (services.status !== 0) throw new Error('PostgreSQL and Redis are needed; see the messages above');

  const env = await resetDemoEnvironment(projectRoot);
  step(`Migrating the control-plane database (schema ${DEMO_SCHEMA})`);
  const applied = await migrateDatabase(new DatabaseConfig(new Secret(env.databaseUrl), DEMO_SCHEMA, new Secret(env.migrationUrl)));
  process.stdout.write(`applied: ${applied.join(', ')}\n`);

  const port = await freePort(Number(process.env.PORT ?? 3000));
  const apiUrl = `http://127.0.0.1:${port}`;
  step(`Starting the control plane on ${apiUrl} and a data-plane worker (logs in ${env.logDir})`);
  const processes: ManagedProcess[] = [
    startNodeProcess('control plane', join(projectRoot, 'dist/apps/control-plane/src/main.js'), {
      PORT: String(port),
      DATABASE_URL: env.databaseUrl,
      DATABASE_SCHEMA: DEMO_SCHEMA,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: DEMO_QUEUE_PREFIX,
      JWT_SECRET: env.jwtSecret,
      SECRETS_KEYS: env.secretsKeys,
      QUEUE_SIGNING_KEYS: env.queueSigningKeys,
      BOOTSTRAP_OPERATOR_EMAIL: env.operator.email,
      BOOTSTRAP_OPERATOR_PASSWORD: env.operator.password,
    }, join(env.logDir, 'control-plane.log')),
    startNodeProcess('worker', join(projectRoot, 'dist/apps/data-plane-worker/src/main.js'), {
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: DEMO_QUEUE_PREFIX,
      WORKER_TENANTS: 'all',
      QUEUE_SIGNING_KEYS: env.queueSigningKeys,
      WORKER_TENANT_REFRESH_MS: '500',
      DATA_DIR: env.dataDir,
      MALLOC_ARENA_MAX: RECOMMENDED_MALLOC_ARENA_MAX,
    }, join(env.logDir, 'worker.log')),
  ];
  const shutdown = () => Promise.all(processes.map((p) => stopProcess(p)));
  try {
    await waitUntilHealthy(`${apiUrl}/v1/health`, processes, 'the control plane');

    step('Creating the demo tenant and its admin (as the platform operator)');
    const operatorToken = (await new ApiClient(apiUrl, null).post<{ accessToken: string }>('/v1/auth/token', env.operator)).accessToken;
    const operator = new ApiClient(apiUrl, operatorToken);
    const tenant = await operator.post<{ id: string; name: string; catalog: { name: string } }>('/v1/tenants', {
      name: 'Demo State Medicaid Plan',
      slug: 'demo-medicaid',
    });
    // Random per demo: no credential, however throw-away, lives in the repository.
    const admin = { email: 'admin@demo-medicaid.local', password: randomBytes(12).toString('hex') };
    await operator.post('/v1/users', { ...admin, role: 'tenant_admin', tenantId: tenant.id });
    process.stdout.write(`tenant ${tenant.name} (${tenant.id}), admin ${admin.email}\n`);

    const cli = cliIo({ ADE_CONFIG_DIR: env.cliConfigDir, ADE_API_URL: apiUrl, ADE_PASSWORD: admin.password });
    const ade = async (...argv: string[]) => {
      process.stdout.write(`$ ade ${argv.join(' ')}\n`);
      const code = await runCli(argv, cli);
      if (code !== 0) throw new Error(`ade ${argv[0]} exited with ${code}`);
    };
    await ade('login', '--email', admin.email);
    await ade('catalog', 'init');

    step(`Generating ${claimRows.toLocaleString('en-US')} synthetic Medicaid professional claim lines`);
    const landing = join(env.dataDir, 'tenants', tenant.id, 'landing', 'claims');
    await mkdir(landing, { recursive: true });
    const manifest = await writeProfessionalClaimsCsv(join(landing, 'claims-2026-06.csv'), {
      seed: 2026,
      rows: claimRows,
      asOf: '2026-11-01',
    });
    process.stdout.write(`wrote ${manifest.rows} lines (${manifest.claims} claims) to ${join(landing, 'claims-2026-06.csv')}\n`);

    step('Checking the file offline against the healthcare rules');
    await ade('validate', join(landing, 'claims-2026-06.csv'), '--type', 'professional_claims', '--as-of', '2026-11-01', '--max-violations', '5');

    step('Creating and running a pipeline with the ade CLI');
    const target = `${tenant.catalog.name}.silver.professional_claims`;
    await ade('pipeline', 'create', 'professional-claims', '--source-path', 'claims', '--target-table', target);
    await ade('pipeline', 'run', 'professional-claims', '--wait', '--timeout', '300');

    const adminToken = (await new ApiClient(apiUrl, null).post<{ accessToken: string }>('/v1/auth/token', admin)).accessToken;
    const latestRun = async () => (await new ApiClient(apiUrl, adminToken).get<{ items: RunSummary[] }>('/v1/runs?limit=1')).items[0];
    const first = await latestRun();
    if (first?.status !== 'succeeded') throw new Error(`the demo run did not succeed: ${JSON.stringify(first?.error)}`);
    await waitForQualityReport(new ApiClient(apiUrl, adminToken), first.id);

    step('What the quality agent made of it: silver, quarantine, gold and lineage');
    await ade('quality', 'check', 'professional_claims');
    await ade('quality', 'quarantine', 'professional_claims');
    await ade('lineage', 'professional_claims');

    step('A month later: the sender renamed a column and added one, and a second file arrived cut off');
    const delivery = await writeDriftedDelivery(landing, Math.max(100, Math.floor(claimRows / 4)));
    process.stdout.write(`wrote ${delivery.drifted} ("Billing Provider NPI", new telehealth_flag) and ${delivery.truncated} (truncated)\n`);
    await ade('pipeline', 'run', 'professional-claims', '--wait', '--timeout', '300');
    await ade('pipeline', 'logs', 'professional-claims');
    const second = await latestRun();
    if (second?.status !== 'succeeded' || second.counts.rowsLoaded !== delivery.lines || second.counts.filesQuarantined !== 1) {
      throw new Error(`the second run did not heal as expected: ${JSON.stringify(second)}`);
    }
    await waitForQualityReport(new ApiClient(apiUrl, adminToken), second.id);
    await ade('quality', 'trends', 'professional_claims', '--days', '1');

    step('The audit trail of everything done above, checked link by link');
    await ade('audit', 'log', '--limit', '5');
    await ade('audit', 'verify');

    step('The health of the catalog the demo filled: schemas, tables, rows, last writes, PHI columns');
    await ade('catalog', 'health');

    step('Scaling out to Databricks: the cluster a nightly ingestion would get, as a spec (no workspace needed)');
    await ade('cluster', 'create', 'medicaid-nightly-ingest', 'ingestion', '--cost-level', 'economy', '--dry-run');

    step(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.stdout.write(
      `run 1 ${first.status}: ${first.counts.rowsLoaded.toLocaleString('en-US')} rows landed in ${first.bronzeTable} ` +
        `(generated ${manifest.rows.toLocaleString('en-US')}), run took ${first.durationMs} ms\n` +
        `run 2 ${second.status}: ${second.counts.rowsLoaded.toLocaleString('en-US')} rows from the drifted file, schema evolved, ` +
        `${second.counts.filesQuarantined} file quarantined, ${second.counts.filesSkipped} already ingested, run took ${second.durationMs} ms\n`,
    );
    if (serve) {
      process.stdout.write(
        [
          `The control plane is at ${apiUrl}; the worker keeps serving the demo tenant.`,
          `Log in as the tenant admin:  ADE_API_URL=${apiUrl} npx ade login --email ${admin.email}   (password: ${admin.password})`,
          `Operator (this demo only):   ${env.operator.email} / ${env.operator.password}`,
          'Press Ctrl-C to stop.',
        ].join('\n') + '\n',
      );
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
    }
  } catch (error) {
    for (const p of processes) process.stderr.write(`\n--- last lines of the ${p.name} log (${p.logPath}) ---\n${await tailOf(p.logPath)}\n`);
    throw error;
  } finally {
    await shutdown();
  }
}

function cliIo(env: Record<string, string>): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.replace(/^/gm, '  ').replace(/ {2}$/, '')),
    stderr: (text) => process.stderr.write(text),
    env: { ...process.env, ...env },
    prompt: async () => env.ADE_PASSWORD ?? '',
    sleep,
  };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\ndemo failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);

/** The run's quality report reaches the control plane as an event, just after the run ends. */
async function waitForQualityReport(api: ApiClient, runId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const report = await api.get<{ report: { runId: string } }>('/v1/quality/tables/professional_claims').catch(() => null);
    if (report?.report.runId === runId) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no quality report arrived for run ${runId}`);
}
