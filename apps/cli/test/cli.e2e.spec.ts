import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropQueuePrefix, makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, type TenantFixture } from '../../control-plane/test/factories';
import { land } from '../../control-plane/test/run-flow';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { startWorker, type WorkerHarness } from '../../data-plane-worker/test/worker.harness';
import { cliRunner } from './cli-harness';

describe('ade CLI against a running control plane and worker', () => {
  const queuePrefix = uniqueQueuePrefix('cli');
  let cp: ControlPlaneHarness;
  let worker: WorkerHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let apiUrl: string;
  let ade: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    dirs = await makeTempDir('cli');
    cp = await startControlPlane({ queuePrefix, label: 'cli' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker({ queuePrefix, dataDir: join(dirs.path, 'data') });
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password });
  });
  afterAll(async () => {
    await worker?.close();
    await cp?.close();
    await dropQueuePrefix(queuePrefix);
    await dirs?.cleanup();
  });

  it('logs in and keeps the token readable by the owner only', async () => {
    const result = await ade('login', '--email', tenant.admin.email);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Logged in to ${apiUrl} as ${tenant.admin.email}`);
    const mode = (await stat(join(dirs.path, 'cli', 'credentials.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('initialises the catalog and reports status, in human and JSON form', async () => {
    const init = await ade('catalog', 'init');
    expect(init).toMatchObject({ code: 0, stdout: 'Catalog healthcare_data is ready (schemas bronze, silver, gold, _system)\n' });
    const status = await ade('status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      health: { status: 'ok' },
      user: { email: tenant.admin.email, role: 'tenant_admin', tenantId: tenant.tenantId },
      catalog: { name: 'healthcare_data', status: 'ready' },
    });
  });

  it('creates a pipeline and runs it to completion with --wait, ending with its silver, quarantine and gold rows', async () => {
    // Twenty clean claims: every row passes to silver.
    const claims = await land(join(dirs.path, 'data'), tenant.tenantId, 'cli/claims.csv', '');
    await writeProfessionalClaimsCsv(claims, { seed: 7, rows: 20, defectRate: 0, asOf: '2026-12-01' });
    const created = await ade('pipeline', 'create', 'cli-claims', '--source-path', 'cli/claims.csv', '--target-table', 'healthcare_data.silver.cli_claims', '--schedule', '0 6 * * *');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created pipeline cli-claims');
    const listed = await ade('pipeline', 'list');
    expect(listed.stdout).toMatch(/cli-claims\s+professional_claims\s+cli\/claims.csv\s+healthcare_data.silver.cli_claims\s+0 6 \* \* \*/);
    const run = await ade('pipeline', 'run', 'cli-claims', '--wait', '--json');
    expect(run.code).toBe(0);
    const waited = JSON.parse(run.stdout);
    expect(waited).toMatchObject({
      status: 'succeeded',
      bronzeTable: 'healthcare_data.bronze.cli_claims',
      counts: { rowsLoaded: 20 },
      outcome: { table: 'healthcare_data.silver.cli_claims', input: 20, silver: 20, quarantined: 0 },
    });
    expect(waited.outcome.gold.length).toBeGreaterThan(0);
    expect(waited.outcome.gold.every((gold: { table: string; rows: number }) => gold.table.startsWith('healthcare_data.gold.') && gold.rows > 0)).toBe(true);

    // On a terminal the wait shows each state the run passes through, on stderr; the result ends with the judged rows.
    const onTerminal = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli'), ADE_PASSWORD: tenant.admin.password }, undefined, { interactive: true });
    const watched = await onTerminal('pipeline', 'run', 'cli-claims', '--wait');
    expect(watched.code).toBe(0);
    expect(watched.stderr).toMatch(/^\[\d+ s\] (queued|running)…\n/);
    expect(watched.stdout).toMatch(/^Run [0-9a-f-]+ of cli-claims succeeded in /);
    expect((await ade('pipeline', 'run', 'cli-claims', '--wait')).stderr).toBe('');
  });

  it('exits 1 when a waited-for run quarantined every row, saying so', async () => {
    await land(join(dirs.path, 'data'), tenant.tenantId, 'cli/bare.csv', 'claim_id,paid_amount\nA,1.00\nB,2.00\n');
    await ade('pipeline', 'create', 'cli-bare', '--source-path', 'cli/bare.csv', '--target-table', 'healthcare_data.silver.cli_bare');
    const run = await ade('pipeline', 'run', 'cli-bare', '--wait');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  0 rows to silver healthcare_data.silver.cli_bare, 2 quarantined (of 2 judged)');
    expect(run.stderr).toMatch(/^ade: run [0-9a-f-]+ quarantined every one of its 2 rows: nothing reached silver \(see `ade quality quarantine healthcare_data\.silver\.cli_bare`\)\n$/);
  });

  it('checks the catalog through the worker: schemas, tables with rows and last writes, PHI columns; another tenant never sees the check', async () => {
    const checked = await ade('catalog', 'health');
    expect(checked).toMatchObject({ code: 0, stderr: '' });
    const lines = checked.stdout.split('\n');
    expect(lines[0]).toBe('Catalog healthcare_data (embedded engine): schemas bronze, silver, gold, _system');
    expect(lines[2]!.split(/\s{2,}/)).toEqual(['TABLE', 'ROWS', 'LAST WRITE', 'PHI COLUMNS']);
    expect(lines.find((line) => line.startsWith('healthcare_data.bronze.cli_claims'))?.split(/\s{2,}/)).toEqual([
      'healthcare_data.bronze.cli_claims',
      '20',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expect.stringMatching(/^claim_id, member_id, patient_first_name, patient_last_name, patient_birth_date, /),
    ]);
    expect(checked.stdout).toContain('No findings');

    const json = JSON.parse((await ade('catalog', 'health', 'healthcare_data', '--json')).stdout);
    expect(json).toMatchObject({ engine: 'embedded', catalogName: 'healthcare_data', governance: null, findings: [] });
    expect(await ade('catalog', 'health', 'someone_elses')).toMatchObject({ code: 1, stderr: expect.stringContaining('not found') });

    const { body: latest } = await cp.http().get('/v1/catalog/health').set('authorization', `Bearer ${tenant.admin.token}`).expect(200);
    const other = await createTenant(cp);
    await cp.http().get(`/v1/catalog/health/${latest.id}`).set('authorization', `Bearer ${other.admin.token}`).expect(404);
    await cp.http().get('/v1/catalog/health').set('authorization', `Bearer ${other.admin.token}`).expect(404);
  });

  it('exits 1 with the reason when a waited-for run fails', async () => {
    await ade('pipeline', 'create', 'cli-missing', '--source-path', 'nowhere.csv', '--target-table', 'healthcare_data.silver.cli_missing');
    const run = await ade('pipeline', 'run', 'cli-missing', '--wait');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^ade: run [0-9a-f-]+ failed: source_not_found: source file not found: nowhere.csv\n$/);
  });

  it('turns API validation errors, unknown names and bad usage into one readable line', async () => {
    const invalid = await ade('pipeline', 'create', 'bad', '--source-path', 'x.csv', '--target-table', 'not-a-table');
    expect(invalid).toMatchObject({ code: 1, stdout: '' });
    expect(invalid.stderr).toMatch(/^ade: targetTable: must be catalog\.schema\.table/);
    expect(await ade('pipeline', 'run', 'no-such-pipeline')).toMatchObject({ code: 1, stderr: "ade: no pipeline named 'no-such-pipeline'; see `ade pipeline list`\n" });
    const usage = await ade('pipeline', 'run', 'a', '--bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Unknown option '--bogus'");
    expect((await ade('frobnicate')).code).toBe(2);
  });

  it('says how to log in when there is no token, and when the API is down', async () => {
    const fresh = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'nobody') });
    expect(await fresh('pipeline', 'list')).toMatchObject({ code: 1, stderr: 'ade: not logged in; run `ade login --email you@example.org`\n' });
    const closedPort = await new Promise<number>((resolvePort) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolvePort(port));
      });
    });
    const down = cliRunner({ ADE_API_URL: `http://127.0.0.1:${closedPort}`, ADE_CONFIG_DIR: join(dirs.path, 'cli') });
    const result = await down('status');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`ade: cannot reach the API at http://127.0.0.1:${closedPort} (ECONNREFUSED); is the control plane running?\n`);
  });

  it('works as the packaged bin', async () => {
    // Asynchronously: the API answering it lives in this very process.
    const bin = resolve(__dirname, '../../../bin/ade.js');
    const result = await promisify(execFile)(process.execPath, [bin, 'pipeline', 'list', '--json'], {
      env: { PATH: process.env.PATH, ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'cli') },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).map((p: { name: string }) => p.name)).toEqual(['cli-bare', 'cli-claims', 'cli-missing']);
  });
});
