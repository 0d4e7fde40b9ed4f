import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseJob, tenantQueueName, type EventData } from '@ade/contracts';
import { testRedisUrl } from '@ade/testing';
import { TableExportsRepository } from '../src/exports/table-exports.repository';
import { TenantQueues } from '../src/queues/tenant-queues';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, s3ConnectorBody, sftpConnectorBody, type TenantFixture } from './factories';
import { workerEvents, type EventSender } from './worker-events';
import { openedJob } from './queued-jobs';

type Body = Record<string, any>;

describe('table exports', () => {
  let cp: ControlPlaneHarness;
  let pg: Client;
  let events: EventSender;
  let a: TenantFixture;
  let b: TenantFixture;
  /** One SFTP connector of each tenant. */
  let connectorOfA: Body;
  let connectorOfB: Body;
  /** The password connectorOfA was created with. */
  let passwordOfA: string;

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const tableOf = (tenant: TenantFixture, schemaAndTable = 'silver.professional_claims') => `${tenant.catalogName}.${schemaAndTable}`;
  const exportBody = (tenant: TenantFixture, connectorId: string, overrides: Record<string, unknown> = {}) => ({
    table: tableOf(tenant),
    connectorId,
    path: `exports/claims-${randomBytes(3).toString('hex')}.parquet`,
    ...overrides,
  });
  const createConnector = async (tenant: TenantFixture, body: Record<string, unknown> = sftpConnectorBody()) =>
    (await cp.http().post('/v1/connectors').set(as(tenant.admin.token)).send(body).expect(201)).body as Body;
  const requestExport = async (tenant: TenantFixture, body: Record<string, unknown>) =>
    (await cp.http().post('/v1/exports').set(as(tenant.admin.token)).send(body).expect(202)).body as Body;
  const getExport = async (tenant: TenantFixture, id: string) => (await cp.http().get(`/v1/exports/${id}`).set(as(tenant.admin.token)).expect(200)).body as Body;
  const credentials = (body: Record<string, unknown>) =>
    cp.http().post('/internal/v1/connector-credentials').set('authorization', `Bearer ${cp.dataPlaneToken}`).send(body);
  const exportsOf = async (tenantId: string) => (await pg.query(`SELECT count(*)::int AS n FROM table_exports WHERE tenant_id = $1`, [tenantId])).rows[0].n as number;
  const withQueue = async <T>(tenantId: string, work: (queue: Queue) => Promise<T>): Promise<T> => {
    const queue = new Queue(tenantQueueName(tenantId), { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    try {
      return await work(queue);
    } finally {
      await queue.close();
    }
  };
  const completed = (tenantId: string, exportId: string, changes: Partial<EventData<'export.completed'>> = {}): EventData<'export.completed'> => ({
    tenantId,
    at: new Date().toISOString(),
    exportId,
    rowCount: 11_400,
    bytes: 734_003,
    sha256: 'ab'.repeat(32),
    ...changes,
  });
  const failed = (tenantId: string, exportId: string, message = "connector 'drop': the SFTP server refused the login"): EventData<'export.failed'> => ({
    tenantId,
    at: new Date().toISOString(),
    exportId,
    error: { code: 'connector_refused', message },
  });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'exports' });
    pg = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await pg.connect();
    events = workerEvents(cp);
    a = await createTenant(cp);
    b = await createTenant(cp);
    const bodyOfA = sftpConnectorBody();
    passwordOfA = (bodyOfA.secret as { password: string }).password;
    connectorOfA = await createConnector(a, bodyOfA);
    connectorOfB = await createConnector(b);
  });
  afterAll(async () => {
    await events?.close();
    await pg?.end();
    await cp?.close();
  });

  describe('POST /v1/exports', () => {
    it('records a queued export and queues a table.export job with exactly the contract payload, no credential in it', async () => {
      const body = exportBody(a, connectorOfA.id);
      const created = await requestExport(a, body);
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'queued',
        table: body.table,
        connectorId: connectorOfA.id,
        path: body.path,
        format: 'parquet',
        where: null,
        requestedAt: expect.any(String),
        finishedAt: null,
        rowCount: null,
        bytes: null,
        sha256: null,
        error: null,
      });
      expect(await getExport(a, created.id)).toEqual(created);

      await withQueue(a.tenantId, async (queue) => {
        const job = (await queue.getJob(created.id))!;
        expect(job.name).toBe('table.export');
        const payload = {
          tenantId: a.tenantId,
          exportId: created.id,
          catalogName: a.catalogName,
          engine: 'embedded',
          table: body.table,
          connectorId: connectorOfA.id,
          path: body.path,
          format: 'parquet',
          where: null,
        };
        expect(openedJob(cp, job)).toEqual(payload);
        // What the worker will parse it as: the contract, unchanged.
        expect(parseJob(job.name, openedJob(cp, job)).data).toEqual(payload);
        expect(job.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
        expect(JSON.stringify(job.data)).not.toContain(passwordOfA);
        expect(JSON.stringify(job.data)).not.toMatch(/password|secret|privateKey|accessKey/i);
      });
    });

    it('takes csv, a where filter, a quarantine or gold table, and uppercase ids', async () => {
      const s3Body = s3ConnectorBody();
      const s3 = await createConnector(a, s3Body);
      const { secretAccessKey } = s3Body.secret as { secretAccessKey: string };
      const where = "service_date >= DATE '2026-01-01' AND paid_amount > 0";
      const body = exportBody(a, s3.id.toUpperCase(), { table: tableOf(a, 'silver.professional_claims_quarantine'), path: 'out/quarantined.csv', format: 'csv', where });
      const created = await requestExport(a, body);
      expect(created).toMatchObject({ status: 'queued', table: tableOf(a, 'silver.professional_claims_quarantine'), connectorId: s3.id, path: 'out/quarantined.csv', format: 'csv', where });
      await withQueue(a.tenantId, async (queue) => {
        const job = (await queue.getJob(created.id))!;
        expect(job.data).toMatchObject({ connectorId: s3.id, format: 'csv', where });
        expect(JSON.stringify(job.data)).not.toContain(secretAccessKey);
      });
      const gold = await requestExport(a, exportBody(a, connectorOfA.id, { table: tableOf(a, 'gold.claims_summary'), where: null }));
      expect(gold).toMatchObject({ table: tableOf(a, 'gold.claims_summary'), where: null, format: 'parquet' });
    });

    it('answers 400 naming the field, and records nothing', async () => {
      const before = await exportsOf(a.tenantId);
      const exportJobs = () =>
        withQueue(a.tenantId, async (queue) => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((job) => job.name === 'table.export').length);
      const jobsBefore = await exportJobs();
      const fieldsOf = async (body: unknown) => {
        const response = await cp.http().post('/v1/exports').set(as(a.admin.token)).send(body as object).expect(400);
        expect(response.body.error).toBe('validation_failed');
        return response.body as { message: string; fields: Array<{ field: string; message: string }> };
      };
      const valid = exportBody(a, connectorOfA.id);

      expect((await fieldsOf({ ...valid, table: tableOf(a, 'bronze.professional_claims') })).fields).toEqual([{ field: 'table', message: 'schema must be one of silver, gold' }]);
      expect((await fieldsOf({ ...valid, table: 'claims' })).fields.map((f) => f.field)).toEqual(['table']);
      expect((await fieldsOf({ ...valid, table: 'other_catalog.silver.professional_claims' })).fields).toEqual([
        { field: 'table', message: `catalog must be this tenant's catalog '${a.catalogName}'` },
      ]);
      expect((await fieldsOf({ ...valid, path: 'exports/*.parquet' })).fields).toEqual([{ field: 'path', message: 'must name one file (no wildcard, no trailing /)' }]);
      expect((await fieldsOf({ ...valid, path: 'exports/' })).fields.map((f) => f.field)).toEqual(['path']);
      expect((await fieldsOf({ ...valid, path: '../elsewhere/claims.parquet' })).fields.map((f) => f.field)).toEqual(['path']);
      expect((await fieldsOf({ ...valid, path: '/etc/claims.parquet' })).fields.map((f) => f.field)).toEqual(['path']);
      const subquery = await fieldsOf({ ...valid, where: "claim_id IN (SELECT claim_id FROM read_csv('/etc/passwd'))" });
      expect(subquery.fields).toEqual([{ field: 'where', message: "uses 'SELECT': only a single expression over the row is allowed" }]);
      expect((await fieldsOf({ ...valid, where: '1=1; DROP TABLE x' })).fields.map((f) => f.field)).toEqual(['where']);
      expect((await fieldsOf({ ...valid, format: 'xlsx' })).fields.map((f) => f.field)).toEqual(['format']);
      const unknown = await fieldsOf({ ...valid, credentials: { password: 'x' } });
      expect(unknown.fields.map((f) => f.field)).toEqual(['(request)']);
      expect(unknown.message).toMatch(/^\(request\): has an unknown key \(key \d of \d\)/);
      expect(unknown.message).not.toContain('credentials');
      const { table: _table, ...withoutTable } = valid;
      expect((await fieldsOf(withoutTable)).fields.map((f) => f.field)).toEqual(['table']);
      expect((await fieldsOf({ ...valid, connectorId: 'clearinghouse' })).fields.map((f) => f.field)).toEqual(['connectorId']);

      // A connector that does not exist, and another tenant's, are the same unknown connector.
      for (const connectorId of [randomUUID(), connectorOfB.id, connectorOfB.id.toUpperCase()]) {
        const response = await cp.http().post('/v1/exports').set(as(a.admin.token)).send({ ...valid, connectorId }).expect(400);
        expect(response.body).toEqual({ error: 'validation_failed', message: 'connectorId: no such connector', fields: [{ field: 'connectorId', message: 'no such connector' }] });
      }
      expect(await exportsOf(a.tenantId)).toBe(before);
      expect(await exportJobs()).toBe(jobsBefore);
    });

    it('marks the export failed and answers 503 when the queue cannot be reached', async () => {
      const connector = await createConnector(a);
      const spy = vi.spyOn(cp.app.get(TenantQueues), 'dispatch').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      try {
        const response = await cp.http().post('/v1/exports').set(as(a.admin.token)).send(exportBody(a, connector.id)).expect(503);
        expect(response.body).toEqual({ error: 'unavailable', message: 'the export could not be queued; it is recorded as failed, try again shortly' });
      } finally {
        spy.mockRestore();
      }
      const { rows } = await pg.query(`SELECT id, status, error_code, error_message FROM table_exports WHERE connector_id = $1`, [connector.id]);
      expect(rows).toEqual([{ id: expect.any(String), status: 'failed', error_code: 'dispatch_failed', error_message: 'the job queue could not be reached' }]);
      const shown = await getExport(a, rows[0].id);
      expect(shown).toMatchObject({ status: 'failed', error: { code: 'dispatch_failed', message: 'the job queue could not be reached' }, finishedAt: expect.any(String) });
    });
  });

  describe('GET /v1/exports', () => {
    it('lists newest first, 50 by default, ?limit=1..200', async () => {
      const c = await createTenant(cp);
      const connector = await createConnector(c);
      const made: string[] = [];
      for (let i = 0; i < 3; i++) made.push((await requestExport(c, exportBody(c, connector.id))).id as string);
      const list = (await cp.http().get('/v1/exports').set(as(c.admin.token)).expect(200)).body.items as Body[];
      expect(list.map((entry) => entry.id)).toEqual([...made].reverse());
      expect(list[0]).toEqual(await getExport(c, made[2]!));
      const limited = (await cp.http().get('/v1/exports?limit=2').set(as(c.admin.token)).expect(200)).body.items as Body[];
      expect(limited.map((entry) => entry.id)).toEqual([made[2], made[1]]);
      for (const limit of ['0', '201', 'ten']) {
        const refused = await cp.http().get(`/v1/exports?limit=${limit}`).set(as(c.admin.token)).expect(400);
        expect(refused.body.fields.map((f: { field: string }) => f.field)).toEqual(['limit']);
      }
      await cp.http().get('/v1/exports?limit=200').set(as(c.admin.token)).expect(200);
      await cp.http().get('/v1/exports?status=queued').set(as(c.admin.token)).expect(400);
    });

    it("answers 404 for another tenant's export or a malformed id, and lists only the caller's own", async () => {
      const ofA = await requestExport(a, exportBody(a, connectorOfA.id));
      for (const path of [`/v1/exports/${ofA.id}`, `/v1/exports/${ofA.id.toUpperCase()}`, '/v1/exports/not-a-uuid']) {
        const response = await cp.http().get(path).set(as(b.admin.token)).expect(404);
        expect(response.body).toEqual({ error: 'not_found', message: 'export not found' });
      }
      await cp.http().get(`/v1/exports/${randomUUID()}`).set(as(a.admin.token)).expect(404);
      await cp.http().get(`/v1/exports/${ofA.id.toUpperCase()}`).set(as(a.admin.token)).expect(200);
      const listOfB = (await cp.http().get('/v1/exports?limit=200').set(as(b.admin.token)).expect(200)).body.items as Body[];
      expect(listOfB.map((entry) => entry.id)).not.toContain(ofA.id);
      expect(JSON.stringify(listOfB)).not.toContain(a.tenantId);
    });

    it('lets viewers read exports but not request one', async () => {
      const viewer = { email: `viewer-${randomBytes(3).toString('hex')}@${a.slug}.test`, password: randomBytes(12).toString('hex') };
      await cp.http().post('/v1/users').set(as(a.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
      const token = (await cp.http().post('/v1/auth/token').send(viewer).expect(200)).body.accessToken as string;
      const entry = await requestExport(a, exportBody(a, connectorOfA.id));
      const before = await exportsOf(a.tenantId);
      expect((await cp.http().get(`/v1/exports/${entry.id}`).set(as(token)).expect(200)).body).toEqual(entry);
      expect(((await cp.http().get('/v1/exports').set(as(token)).expect(200)).body.items as Body[]).map((e) => e.id)).toContain(entry.id);
      const refused = await cp.http().post('/v1/exports').set(as(token)).send(exportBody(a, connectorOfA.id)).expect(403);
      expect(refused.body.error).toBe('forbidden');
      expect(await exportsOf(a.tenantId)).toBe(before);
    });
  });

  describe('worker events', () => {
    it('export.completed records the counts and digest; a repeated or late event changes nothing', async () => {
      const entry = await requestExport(a, exportBody(a, connectorOfA.id));
      const report = completed(a.tenantId, entry.id);
      await events.send({ name: 'export.completed', data: report });
      const done = await getExport(a, entry.id);
      expect(done).toEqual({ ...entry, status: 'completed', finishedAt: report.at, rowCount: 11_400, bytes: 734_003, sha256: 'ab'.repeat(32) });

      // A second completion (the same event is de-duplicated by its job id, so straight to the repository) and a late failure.
      await cp.app.get(TableExportsRepository).markCompleted(completed(a.tenantId, entry.id, { rowCount: 1, bytes: 1, sha256: 'cd'.repeat(32) }));
      await events.send({ name: 'export.failed', data: failed(a.tenantId, entry.id, 'late') });
      expect(await getExport(a, entry.id)).toEqual(done);
    });

    it('export.failed records the code and message; the first outcome stands', async () => {
      const entry = await requestExport(a, exportBody(a, connectorOfA.id));
      const failure = failed(a.tenantId, entry.id);
      await events.send({ name: 'export.failed', data: failure });
      const shown = await getExport(a, entry.id);
      expect(shown).toEqual({ ...entry, status: 'failed', finishedAt: failure.at, error: failure.error });

      await cp.app.get(TableExportsRepository).markFailed(a.tenantId, entry.id, { code: 'internal', message: 'again' }, new Date());
      await events.send({ name: 'export.completed', data: completed(a.tenantId, entry.id) });
      expect(await getExport(a, entry.id)).toEqual(shown);
    });

    it("another tenant's event for the export reaches nothing", async () => {
      const entry = await requestExport(a, exportBody(a, connectorOfA.id));
      await events.send({ name: 'export.completed', data: completed(b.tenantId, entry.id) });
      await events.send({ name: 'export.failed', data: failed(b.tenantId, entry.id) });
      expect(await getExport(a, entry.id)).toEqual(entry);
    });
  });

  describe('POST /internal/v1/connector-credentials for an export', () => {
    it('releases the credentials for a queued export through that connector, audited with its exportId', async () => {
      const body = sftpConnectorBody({ name: 'export-drop' });
      const connector = await createConnector(a, body);
      const entry = await requestExport(a, exportBody(a, connector.id));
      const response = await credentials({ tenantId: a.tenantId, connectorId: connector.id, exportId: entry.id }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ kind: 'sftp', name: 'export-drop', settings: { ...body.settings, port: 22, archiveDirectory: null }, secret: body.secret });
      await credentials({ tenantId: a.tenantId.toUpperCase(), connectorId: connector.id.toUpperCase(), exportId: entry.id.toUpperCase() }).expect(200);

      const { rows } = await pg.query(
        `SELECT actor_type, action, resource_type, resource_id, details FROM audit_events WHERE tenant_id = $1 AND action = 'connector.credentials_released' AND resource_id = $2 ORDER BY seq`,
        [a.tenantId, connector.id],
      );
      expect(rows).toEqual([
        { actor_type: 'system', action: 'connector.credentials_released', resource_type: 'connector', resource_id: connector.id, details: { kind: 'sftp', exportId: entry.id } },
        { actor_type: 'system', action: 'connector.credentials_released', resource_type: 'connector', resource_id: connector.id, details: { kind: 'sftp', exportId: entry.id } },
      ]);

      // Completed: the export no longer needs them.
      await events.send({ name: 'export.completed', data: completed(a.tenantId, entry.id) });
      const after = await credentials({ tenantId: a.tenantId, connectorId: connector.id, exportId: entry.id }).expect(404);
      expect(after.body).toEqual({ error: 'not_found', message: 'connector credentials not found' });
    });

    it("answers the same 404 for a failed export, another connector, another tenant, or an export id given as another kind of work", async () => {
      const connector = await createConnector(a);
      const other = await createConnector(a);
      const entry = await requestExport(a, exportBody(a, connector.id));
      const failedEntry = await requestExport(a, exportBody(a, connector.id));
      await events.send({ name: 'export.failed', data: failed(a.tenantId, failedEntry.id) });
      const ofB = await requestExport(b, exportBody(b, connectorOfB.id));
      for (const body of [
        { tenantId: a.tenantId, connectorId: connector.id, exportId: failedEntry.id },
        { tenantId: a.tenantId, connectorId: other.id, exportId: entry.id },
        { tenantId: a.tenantId, connectorId: connector.id, exportId: randomUUID() },
        { tenantId: b.tenantId, connectorId: connector.id, exportId: entry.id },
        { tenantId: b.tenantId, connectorId: connectorOfB.id, exportId: entry.id },
        { tenantId: a.tenantId, connectorId: connectorOfB.id, exportId: ofB.id },
        { tenantId: randomUUID(), connectorId: connector.id, exportId: entry.id },
        { tenantId: a.tenantId, connectorId: connector.id, checkId: entry.id },
        { tenantId: a.tenantId, connectorId: connector.id, runId: entry.id },
      ]) {
        const response = await credentials(body).expect(404);
        expect(response.body).toEqual({ error: 'not_found', message: 'connector credentials not found' });
      }
      // The queued one, asked for properly, is answered.
      await credentials({ tenantId: a.tenantId, connectorId: connector.id, exportId: entry.id }).expect(200);
      await credentials({ tenantId: b.tenantId, connectorId: connectorOfB.id, exportId: ofB.id }).expect(200);
      const both = await credentials({ tenantId: a.tenantId, connectorId: connector.id, exportId: entry.id, checkId: randomUUID() }).expect(400);
      expect(both.body.fields).toEqual([{ field: '(request)', message: 'must name exactly one of runId, checkId and exportId' }]);
    });
  });

  it("deleting a connector deletes its exports' history with it; the database keeps exports to the tenant's own connectors", async () => {
    const connector = await createConnector(a);
    const entry = await requestExport(a, exportBody(a, connector.id));
    await events.send({ name: 'export.completed', data: completed(a.tenantId, entry.id) });
    await cp.http().delete(`/v1/connectors/${connector.id}`).set(as(a.admin.token)).expect(204);
    await cp.http().get(`/v1/exports/${entry.id}`).set(as(a.admin.token)).expect(404);
    expect((await pg.query(`SELECT count(*)::int AS n FROM table_exports WHERE id = $1`, [entry.id])).rows[0].n).toBe(0);

    const kept = await requestExport(a, exportBody(a, connectorOfA.id));
    await expect(pg.query(`UPDATE table_exports SET connector_id = $1 WHERE id = $2`, [connectorOfB.id, kept.id])).rejects.toThrow(/table_exports_connector_fkey/);
    await expect(pg.query(`UPDATE table_exports SET format = 'xlsx' WHERE id = $1`, [kept.id])).rejects.toThrow(/check constraint/);
    await expect(pg.query(`UPDATE table_exports SET status = 'completed' WHERE id = $1`, [kept.id])).rejects.toThrow(/table_exports_completed_has_counts/);
  });
});
