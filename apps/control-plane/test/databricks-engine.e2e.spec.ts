import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, tenantQueueName } from '@ade/contracts';
import type { DatabricksSqlSettings } from '@ade/lakehouse';
import { eventually, makeTempDir, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { FakeSqlDriver } from '../../../libs/lakehouse/test/databricks/fake-sql-driver';
import { installFakeUnityCatalog, type FakeUnityCatalog } from '../../../libs/lakehouse/test/databricks/fake-unity-catalog';
import { answerTheQualityStage, releasedRule } from '../../../libs/quality/test/databricks-stage-answers';
import { cliRunner } from '../../cli/test/cli-harness';
import { startWorker } from '../../data-plane-worker/test/worker.harness';
import { startControlPlane } from './control-plane.harness';
import { DEFAULT_COST_MODEL, databricksHourlyUsd, effectiveSpec } from '../src/costs/cost-model';
import { operatorToken } from './factories';
import { assemblePlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';

const WAREHOUSE = { host: 'https://dbc-1234abcd-5678.cloud.databricks.com', httpPath: '/sql/1.0/warehouses/0123456789abcdef' };
const ACCESS = { readers: ['payer analysts'], phiReaders: ['care management'] };
/** Two professional claim lines with the schema's required columns: numbers, dates and codes, as Spark infers them. */
const CLAIMS_CSV = [
  'claim_id,claim_line_number,member_id,patient_last_name,billing_npi,diagnosis_code_1,hcpcs_code,claim_line_start_date,place_of_service_code,service_unit_quantity,charge_amount',
  'C1,1,M1,Doe,1234567893,E119,99213,2026-10-01,11,1,125.00',
  'C2,1,M2,Roe,1234567893,I10,99214,2026-10-02,11,1,180.50',
  '',
].join('\n');

/**
 * A tenant moved from the embedded engine to its Databricks workspace, through the real control
 * plane, queues and worker; only the workspace is a double (the SQL driver's session boundary and
 * a stateful Unity Catalog behind it).
 */
describe('a tenant on Databricks', () => {
  let platform: PlatformHarness;
  let workspace: FakeSqlDriver;
  let unityCatalog: FakeUnityCatalog;
  const connected: DatabricksSqlSettings[] = [];
  const token = `dapi${randomBytes(16).toString('hex')}`;
  let queuePrefix: string;
  let apiUrl: string;

  beforeAll(async () => {
    workspace = new FakeSqlDriver();
    unityCatalog = installFakeUnityCatalog(workspace);
    queuePrefix = uniqueQueuePrefix('databricks-engine');
    const dir = await makeTempDir('databricks-engine');
    const cp = await startControlPlane({ queuePrefix, label: 'databricks-engine' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    const worker = await startWorker({
      queuePrefix,
      dataDir: dir.path,
      env: { CONTROL_PLANE_URL: apiUrl, DATA_PLANE_TOKEN: cp.dataPlaneToken },
      seams: {
        connectDatabricks: async (settings) => {
          connected.push(settings);
          return { openSession: (request) => workspace.openSession(request), close: async () => undefined };
        },
      },
    });
    platform = await assemblePlatform({ cp, worker, dir, queuePrefix });
    const operator = await operatorToken(cp);
    await cp.http().put(`/v1/tenants/${platform.tenant.tenantId}/engine`).set(as(operator)).send({ kind: 'databricks', ...WAREHOUSE, credentials: { token }, access: ACCESS }).expect(200);
    await waitForCatalogReady(cp, platform.tenant);
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('provisions the catalog in the workspace with the credentials the control plane released to the worker', async () => {
    expect(connected).toEqual([{ ...WAREHOUSE, credentials: { token } }]);
    const catalog = unityCatalog.catalogs.get(platform.tenant.catalogName);
    expect([...catalog!.schemas.keys()]).toEqual(expect.arrayContaining(['_system', 'bronze', 'gold', 'silver']));
    expect(unityCatalog.table(platform.tenant.catalogName, '_system', 'catalog_info')!.rows).toEqual([
      expect.objectContaining({ tenant_id: platform.tenant.tenantId, catalog_name: platform.tenant.catalogName }),
    ]);
    expect(workspace.grammarFailures).toEqual([]);
    expect(unityCatalog.misunderstood).toEqual([]);
  });

  it("grants the tenant's reader groups silver and gold, and masks identifiers for all but its PHI readers and the platform", () => {
    const catalog = unityCatalog.catalogs.get(platform.tenant.catalogName)!;
    expect([...catalog.grants].sort()).toEqual(
      [...ACCESS.readers, ...ACCESS.phiReaders].flatMap((group) => [`${group}||USE CATALOG`, `${group}|gold|SELECT`, `${group}|gold|USE SCHEMA`, `${group}|silver|SELECT`, `${group}|silver|USE SCHEMA`]).sort(),
    );
    expect(catalog.functions.get('_system.phi_mask')).toMatchObject({ principals: [unityCatalog.principal], groups: ACCESS.phiReaders });
  });

  it('answers `catalog health` from the workspace', async () => {
    const requested = await platform.cp.http().post('/v1/catalog/health').set(as(platform.tenant.admin.token)).expect(202);
    const check = await eventually(
      async () => (await platform.cp.http().get(`/v1/catalog/health/${requested.body.id}`).set(as(platform.tenant.admin.token)).expect(200)).body,
      (body) => body.status !== 'queued',
      { what: 'the health check to be reported' },
    );
    expect(check).toMatchObject({
      status: 'reported',
      report: { engine: 'databricks', catalogName: platform.tenant.catalogName, governance: { untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'current', missingGrants: [] }, findings: [] },
    });
    expect(check.report.schemas).toEqual(expect.arrayContaining([{ name: 'bronze', present: true }, { name: '_system', present: true }]));

    const admin = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'admin-cli'), ADE_PASSWORD: platform.tenant.admin.password });
    expect(await admin('login', '--email', platform.tenant.admin.email)).toMatchObject({ code: 0 });
    const shown = await admin('catalog', 'health');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Catalog ${platform.tenant.catalogName} (databricks engine): schemas`);
    expect(shown.stdout).toContain('Governance: 0 untagged PHI column(s), 0 unmasked member identifier(s) or name(s), PHI mask current, 0 missing grant(s)');
  });

  it('runs a pipeline and a quarantine release in the workspace: bronze landed, silver and gold tagged and masked before their first row, both reported', async () => {
    // The fake keeps bronze and the tables the stage creates; the stage's judging SQL it cannot
    // evaluate is answered with every row passing (see answerTheQualityStage).
    answerTheQualityStage(workspace, unityCatalog, { rows: 2, sourceFile: 'claims/claims.csv' });
    // The warehouse as the workspace's system tables describe it: what the run is priced by.
    const warehouse = { kind: 'warehouse' as const, type: 'PRO' as const, size: 'SMALL' as const, minClusters: 1, autoStopMinutes: 15 };
    workspace.answer(/FROM system\.compute\.warehouses\s+WHERE warehouse_id = '[0-9a-f]{16}'/, [{ warehouse_type: 'PRO', warehouse_size: 'SMALL', min_clusters: 1, auto_stop_minutes: 15 }]);
    await land(platform.dataDir, platform.tenant.tenantId, 'claims/claims.csv', CLAIMS_CSV);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'claims' });
    const runId = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    const run = await waitForRunEnd(platform.cp, platform.tenant, runId);

    expect(run).toMatchObject({ status: 'succeeded', attempt: 1, counts: { rowsLoaded: 2, filesLoaded: 1 } });
    // Priced as Databricks compute time: the run's wall hours at the hourly rate of the warehouse it read
    // (a Small warehouse: 4 workers and a driver); the worker sees no catalog storage.
    const costs = await eventually(
      async () => (await platform.cp.http().get('/v1/costs').set(as(platform.tenant.admin.token)).expect(200)).body,
      (report) => report.total.runs === 1,
      { what: 'the run to be priced' },
    );
    expect(costs.rows[0]).toMatchObject({ key: pipeline.id, databricksRuns: 1, rowsRead: 2, bytesWritten: 0 });
    expect(costs.total.databricksHours).toBeCloseTo(run.durationMs! / 3_600_000, 12);
    const hourly = databricksHourlyUsd(effectiveSpec(DEFAULT_COST_MODEL.databricks, warehouse)).actual;
    expect(hourly).toBeCloseTo(5 * (0.75 * 0.55 + 0.2), 12);
    expect(costs.total.costUsd).toBeCloseTo((run.durationMs! / 3_600_000) * hourly, 12);
    expect(costs.total.databricksHourlyUsd).toBeCloseTo(hourly, 12);
    expect(costs.savings.autoTermination.usd).toBeGreaterThan(0);
    const catalogName = platform.tenant.catalogName;
    // Typed as Spark infers the file (numbers, dates), landed as the file's text.
    expect(unityCatalog.table(catalogName, 'bronze', 'professional_claims')!.rows).toEqual([
      expect.objectContaining({ claim_id: 'C1', billing_npi: '1234567893', claim_line_start_date: '2026-10-01', charge_amount: '125.00', _rescued_data: null, _run_id: runId }),
      expect.objectContaining({ claim_id: 'C2', diagnosis_code_1: 'I10', charge_amount: '180.50', _rescued_data: null, _run_id: runId }),
    ]);
    const silver = unityCatalog.table(catalogName, 'silver', 'professional_claims')!;
    const memberId = silver.columns.find((column) => column.name === 'member_id')!;
    expect(memberId).toMatchObject({ mask: '_system.phi_mask', tags: new Map([['phi', 'true']]) });
    expect(unityCatalog.table(catalogName, 'gold', 'professional_claims_spend_by_member_month')!.columns.find((column) => column.name === 'member_id')).toMatchObject({ mask: '_system.phi_mask' });
    const sent = workspace.statements.map((statement) => statement.sql);
    const first = (pattern: RegExp) => {
      const at = sent.findIndex((sql) => pattern.test(sql));
      expect(at, String(pattern)).toBeGreaterThanOrEqual(0);
      return at;
    };
    expect(first(/^ALTER TABLE `silver`\.`professional_claims` ALTER COLUMN `member_id` SET MASK /)).toBeLessThan(first(/^(?:MERGE|INSERT) INTO `silver`\.`professional_claims`/));
    expect(first(/^ALTER TABLE `gold`\.`professional_claims_spend_by_member_month` ALTER COLUMN `member_id` SET MASK /)).toBeLessThan(first(/^MERGE INTO `gold`\./));

    const quality = await platform.cp.http().get(`/v1/quality/runs/${runId}`).set(as(platform.tenant.admin.token)).expect(200);
    expect(quality.body.items).toEqual([expect.objectContaining({ runId, rows: expect.objectContaining({ input: 2, silver: 2, quarantined: 0 }) })]);

    // A release of the run's quarantined rows runs in the workspace too (the answers find two, both passing now).
    const released = await platform.cp.http().post('/v1/quality/quarantine/release').set(as(platform.tenant.admin.token)).send({ table: 'professional_claims', rules: ['npi.format'], runId }).expect(202);
    const release = await eventually(
      async () => (await platform.cp.http().get(`/v1/quality/quarantine/releases/${released.body.releaseId}`).set(as(platform.tenant.admin.token)).expect(200)).body,
      (body) => body.status !== 'queued',
      { what: 'the release to finish' },
    );
    expect(release).toMatchObject({ status: 'succeeded', released: 2, byRule: [{ rule: releasedRule, released: 2 }], error: null });
    const releaseStatements = workspace.statements.map((statement) => statement.sql).slice(sent.length);
    expect(releaseStatements.some((sql) => sql.startsWith('MERGE INTO `silver`.`professional_claims_quarantine` AS q '))).toBe(true);
    expect(workspace.grammarFailures).toEqual([]);
    expect(unityCatalog.misunderstood).toEqual([]);
  });

  it('never puts the workspace secret in a job or an event', async () => {
    const states = ['completed', 'failed', 'waiting', 'active', 'delayed'] as const;
    for (const name of [tenantQueueName(platform.tenant.tenantId), EVENTS_QUEUE]) {
      const queue = new Queue(name, { connection: { url: testRedisUrl }, prefix: queuePrefix });
      try {
        const jobs = await queue.getJobs([...states]);
        expect(jobs.length).toBeGreaterThan(0);
        for (const job of jobs) expect(JSON.stringify(job.data)).not.toContain(token);
      } finally {
        await queue.close();
      }
    }
  });

  it('is shown and changed by an operator with `ade tenant engine`, the secret read from the environment; back on embedded, the catalog is provisioned there', async () => {
    const rotated = `dapi${randomBytes(16).toString('hex')}`;
    const ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'operator-cli'), ADE_PASSWORD: platform.cp.operator.password, DBX_TOKEN: rotated });
    expect(await ade('login', '--email', platform.cp.operator.email)).toMatchObject({ code: 0 });
    const tenantId = platform.tenant.tenantId;
    expect(await ade('tenant', 'engine', tenantId)).toEqual({
      code: 0,
      stdout:
        `Tenant ${tenantId}: Databricks Unity Catalog\n  workspace  ${WAREHOUSE.host}\n  compute    ${WAREHOUSE.httpPath}\n  signs in   personal access token\n` +
        '  readers    payer analysts\n  PHI access care management\n',
      stderr: '',
    });
    const missing = await ade('tenant', 'engine', tenantId, '--kind', 'databricks', '--host', WAREHOUSE.host, '--http-path', WAREHOUSE.httpPath, '--token-env', 'NOT_SET');
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--token-env: the environment variable NOT_SET is not set') });
    const changed = await ade(
      'tenant', 'engine', tenantId, '--kind', 'databricks', '--host', WAREHOUSE.host, '--http-path', WAREHOUSE.httpPath, '--token-env', 'DBX_TOKEN',
      '--readers', 'payer analysts, actuaries', '--json',
    );
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({ kind: 'databricks', auth: 'token', access: { readers: ['payer analysts', 'actuaries'], phiReaders: [] } });
    const badGroup = await ade('tenant', 'engine', tenantId, '--kind', 'databricks', '--host', WAREHOUSE.host, '--http-path', WAREHOUSE.httpPath, '--token-env', 'DBX_TOKEN', '--phi-readers', 'x`y');
    expect(badGroup).toMatchObject({ code: 1, stderr: expect.stringContaining('access.phiReaders.0') });
    expect(changed.stdout).not.toContain(rotated);

    expect(await ade('tenant', 'engine', tenantId, '--kind', 'embedded')).toMatchObject({ code: 0, stdout: `Tenant ${tenantId}: embedded catalog (DuckDB on the workers)\n` });
    await waitForCatalogReady(platform.cp, platform.tenant);
    expect(await platform.withCatalog(async (catalog) => catalog.dialect)).toBe('duckdb');
  });
});
