import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tenantQueueName, type EventData } from '@ade/contracts';
import { eventually, testRedisUrl } from '@ade/testing';
import { loadSecretsConfig } from '../src/config/secrets.config';
import { ConnectorChecksRepository } from '../src/connectors/connector-checks.repository';
import { TenantQueues } from '../src/queues/tenant-queues';
import { reencryptStoredSecrets } from '../src/secrets/reencrypt-secrets';
import { SecretBox, SecretDecryptionError } from '../src/secrets/secret-box';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, pipelineBody, s3ConnectorBody, sftpConnectorBody, type TenantFixture } from './factories';
import { workerEvents, type EventSender } from './worker-events';
import { openedJob } from './queued-jobs';

/** A made-up OpenSSH private key: its armor, and a body long enough to hint at. */
const PRIVATE_KEY_BODY = randomBytes(96).toString('base64');
const PRIVATE_KEY = `-----BEGIN OPENSSH PRIVATE KEY-----\n${PRIVATE_KEY_BODY.slice(0, 70)}\n${PRIVATE_KEY_BODY.slice(70)}\n-----END OPENSSH PRIVATE KEY-----\n`;

describe('connectors', () => {
  let cp: ControlPlaneHarness;
  let pg: Client;
  let events: EventSender;
  let a: TenantFixture;
  let b: TenantFixture;
  /** Every response body the suite got, to look for secrets in. */
  const responses: string[] = [];
  /** Every secret value the suite created connectors with. */
  const secrets: string[] = [];

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const seen = <T extends { text: string }>(response: T): T => {
    responses.push(response.text);
    return response;
  };
  const createConnector = async (tenant: TenantFixture, body: Record<string, unknown>) => {
    for (const value of Object.values(body.secret as Record<string, string>)) secrets.push(value);
    return seen(await cp.http().post('/v1/connectors').set(as(tenant.admin.token)).send(body).expect(201)).body as Record<string, any>;
  };
  const credentials = (body: unknown, token: string | null = cp.dataPlaneToken) => {
    const req = cp.http().post('/internal/v1/connector-credentials');
    return (token === null ? req : req.set('authorization', `Bearer ${token}`)).send(body as object);
  };
  const requestCheck = async (tenant: TenantFixture, connectorId: string) =>
    seen(await cp.http().post(`/v1/connectors/${connectorId}/checks`).set(as(tenant.admin.token)).expect(202)).body as Record<string, any>;
  const getCheck = async (tenant: TenantFixture, connectorId: string, checkId: string) =>
    seen(await cp.http().get(`/v1/connectors/${connectorId}/checks/${checkId}`).set(as(tenant.admin.token)).expect(200)).body as Record<string, any>;
  const createPipeline = async (tenant: TenantFixture, overrides: Record<string, unknown> = {}) =>
    seen(await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody(overrides)).expect(201)).body as Record<string, any>;
  const boxOf = (keys: string) => new SecretBox(loadSecretsConfig({ SECRETS_KEYS: keys }));
  const storedRow = async (id: string) =>
    (await pg.query(`SELECT row_to_json(c)::text AS json, secret_ciphertext FROM connectors c WHERE id = $1`, [id])).rows[0] as { json: string; secret_ciphertext: string };
  const withQueue = async <T>(tenantId: string, work: (queue: Queue) => Promise<T>): Promise<T> => {
    const queue = new Queue(tenantQueueName(tenantId), { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
    try {
      return await work(queue);
    } finally {
      await queue.close();
    }
  };
  const checked = (tenantId: string, checkId: string, connectorId: string, changes: Partial<EventData<'connector.checked'>> = {}): EventData<'connector.checked'> => ({
    tenantId,
    at: new Date().toISOString(),
    checkId,
    connectorId,
    fileCount: 2,
    totalBytes: 3072,
    files: [
      { name: 'claims/2026-01.x12', sizeBytes: 1024 },
      { name: 'claims/2026-02.x12', sizeBytes: 2048 },
    ],
    ...changes,
  });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'connectors' });
    pg = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await pg.connect();
    events = workerEvents(cp);
    a = await createTenant(cp);
    b = await createTenant(cp);
  });
  afterAll(async () => {
    await events?.close();
    await pg?.end();
    await cp?.close();
  });

  describe('the API', () => {
    it('creates SFTP and S3 connectors, shown with their settings and a masked secret only', async () => {
      const sftp = sftpConnectorBody({ name: 'clearinghouse' });
      const created = await createConnector(a, sftp);
      expect(Object.keys(created).sort()).toEqual(['createdAt', 'id', 'kind', 'name', 'secret', 'settings', 'updatedAt']);
      const password = (sftp.secret as { password: string }).password;
      expect(created).toMatchObject({
        name: 'clearinghouse',
        kind: 'sftp',
        settings: { ...sftp.settings, port: 22, archiveDirectory: null },
        secret: { type: 'password', masked: `************${password.slice(-4)}` },
      });

      const keyed = await createConnector(a, sftpConnectorBody({ name: 'keyed', secret: { privateKey: PRIVATE_KEY, passphrase: 'correct horse battery' } }));
      expect(keyed.secret).toEqual({ type: 'privateKey', masked: `************${PRIVATE_KEY_BODY.slice(-4)}` });

      const s3 = s3ConnectorBody({ name: 'partner-bucket' });
      const bucket = await createConnector(a, s3);
      const { accessKeyId } = s3.secret as { accessKeyId: string };
      expect(bucket).toMatchObject({
        kind: 's3',
        settings: { bucket: 'partner-drop', prefix: 'claims/', region: 'us-east-1', endpoint: null, forcePathStyle: false },
        secret: { type: 'accessKey', masked: `************${accessKeyId.slice(-4)}` },
      });

      // A short password shows no characters at all.
      const short = await createConnector(a, sftpConnectorBody({ name: 'short-password', secret: { password: 'hunter2' } }));
      expect(short.secret).toEqual({ type: 'password', masked: '************' });

      const list = seen(await cp.http().get('/v1/connectors').set(as(a.admin.token)).expect(200)).body.items as Array<{ name: string }>;
      expect(list.map((c) => c.name)).toEqual(['clearinghouse', 'keyed', 'partner-bucket', 'short-password']);
      const byName = seen(await cp.http().get('/v1/connectors?name=keyed').set(as(a.admin.token)).expect(200)).body.items as Array<{ id: string }>;
      expect(byName.map((c) => c.id)).toEqual([keyed.id]);
      const one = seen(await cp.http().get(`/v1/connectors/${bucket.id}`).set(as(a.admin.token)).expect(200)).body;
      expect(one).toEqual(bucket);
    });

    it('stores the secret only encrypted: the row holds a v1 ciphertext and no plaintext', async () => {
      const body = sftpConnectorBody({ secret: { privateKey: PRIVATE_KEY, passphrase: `pass-${randomBytes(8).toString('hex')}` } });
      const connector = await createConnector(a, body);
      const row = await storedRow(connector.id);
      expect(row.secret_ciphertext).toMatch(/^v1:test:[^:]+:[^:]+:[^:]+$/);
      const { passphrase } = body.secret as unknown as { passphrase: string };
      for (const form of [PRIVATE_KEY_BODY.slice(0, 40), passphrase, Buffer.from(passphrase).toString('base64'), Buffer.from(PRIVATE_KEY).toString('base64').slice(0, 40)]) {
        expect(row.json).not.toContain(form);
      }
      expect(JSON.parse(boxOf(cp.env.SECRETS_KEYS!).decrypt(row.secret_ciphertext))).toEqual(body.secret);
    });

    it('answers 400 naming the field, and never echoes a secret', async () => {
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const fieldsOf = async (body: unknown) => {
        const response = seen(await cp.http().post('/v1/connectors').set(as(a.admin.token)).send(body as object).expect(400));
        expect(response.body.error).toBe('validation_failed');
        expect(response.text).not.toContain(password);
        return response.body as { message: string; fields: Array<{ field: string; message: string }> };
      };
      const sftp = sftpConnectorBody({ secret: { password } });
      const settings = sftp.settings;

      expect((await fieldsOf({ ...sftp, settings: { ...settings, hostKeyFingerprint: 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48' } })).fields).toEqual([
        { field: 'settings.hostKeyFingerprint', message: expect.stringContaining('OpenSSH SHA-256 fingerprint') },
      ]);
      expect((await fieldsOf({ ...sftp, settings: { ...settings, directory: 'outbound/claims' } })).fields).toEqual([
        { field: 'settings.directory', message: 'must be an absolute path on the server (starting with /)' },
      ]);
      const unknownSetting = await fieldsOf({ ...sftp, settings: { ...settings, proxyJump: 'bastion' } });
      expect(unknownSetting.fields.map((f) => f.field)).toEqual(['settings']);
      expect(unknownSetting.message).toBe('settings: has an unknown key (key 5 of 5); see the API reference for the fields it takes');
      const unknownField = await fieldsOf({ ...sftp, owner: 'me' });
      expect(unknownField.message).toMatch(/^\(request\): has an unknown key \(key \d of \d\)/);
      expect(unknownField.message).not.toContain('owner');
      const { secret: _secret, ...withoutSecret } = sftp;
      expect((await fieldsOf(withoutSecret)).fields.map((f) => f.field)).toEqual(['secret']);
      // Both a password and a key, or a key pair's fields on an SFTP connector: the secret field, without its values.
      expect((await fieldsOf({ ...sftp, secret: { password, privateKey: password } })).fields.map((f) => f.field)).toEqual(['secret']);
      expect((await fieldsOf({ ...sftp, secret: { accessKeyId: password, secretAccessKey: password } })).fields.map((f) => f.field)).toEqual(['secret']);
      // S3 settings are checked as S3's.
      expect((await fieldsOf({ ...s3ConnectorBody({ secret: { accessKeyId: 'AKIA', secretAccessKey: password } }), settings: { bucket: 'Bad_Bucket' } })).fields.map((f) => f.field)).toEqual([
        'settings.bucket',
      ]);
      // SFTP settings on an S3 connector: no bucket, and keys S3 does not know.
      expect((await fieldsOf({ ...s3ConnectorBody({ secret: { accessKeyId: 'AKIA', secretAccessKey: password } }), settings })).fields.map((f) => f.field).sort()).toEqual([
        'settings',
        'settings.bucket',
      ]);
      expect((await fieldsOf({ ...sftp, kind: 'ftp' })).fields.map((f) => f.field)).toEqual(['kind']);
      expect((await fieldsOf({ ...sftp, name: 'Not A Name' })).fields.map((f) => f.field)).toEqual(['name']);
    });

    it('answers 409 naming the field for a duplicate name, within a tenant only', async () => {
      await createConnector(a, sftpConnectorBody({ name: 'twice' }));
      const dupe = seen(await cp.http().post('/v1/connectors').set(as(a.admin.token)).send(s3ConnectorBody({ name: 'twice' })).expect(409));
      expect(dupe.body.fields).toEqual([{ field: 'name', message: 'is already used by another connector' }]);
      await createConnector(b, sftpConnectorBody({ name: 'twice' }));
    });

    it("answers 404 for another tenant's connector, its checks, or a malformed id; a pipeline cannot point at it", async () => {
      const ofA = await createConnector(a, sftpConnectorBody());
      const checkOfA = await requestCheck(a, ofA.id);
      const asB = as(b.admin.token);
      for (const response of [
        await cp.http().get(`/v1/connectors/${ofA.id}`).set(asB),
        await cp.http().delete(`/v1/connectors/${ofA.id}`).set(asB),
        await cp.http().post(`/v1/connectors/${ofA.id}/checks`).set(asB),
        await cp.http().get(`/v1/connectors/${ofA.id}/checks/${checkOfA.id}`).set(asB),
        await cp.http().get('/v1/connectors/not-a-uuid').set(asB),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error: 'not_found', message: expect.stringMatching(/^connector( check)? not found$/) });
        expect(response.text).not.toContain(ofA.id);
      }
      const listOfB = (await cp.http().get('/v1/connectors').set(asB).expect(200)).body.items as Array<{ id: string }>;
      expect(listOfB.map((c) => c.id)).not.toContain(ofA.id);
      // A check id under another connector of the same tenant is not found either.
      const other = await createConnector(a, sftpConnectorBody());
      await cp.http().get(`/v1/connectors/${other.id}/checks/${checkOfA.id}`).set(as(a.admin.token)).expect(404);

      const refused = seen(await cp.http().post('/v1/pipelines').set(asB).send(pipelineBody({ connectorId: ofA.id })).expect(400));
      expect(refused.body.fields).toEqual([{ field: 'connectorId', message: 'no such connector' }]);
      const pipelineOfB = await createPipeline(b);
      const patched = await cp.http().patch(`/v1/pipelines/${pipelineOfB.id}`).set(asB).send({ connectorId: ofA.id }).expect(400);
      expect(patched.body.fields).toEqual([{ field: 'connectorId', message: 'no such connector' }]);
      await cp.http().patch(`/v1/pipelines/${pipelineOfB.id}`).set(asB).send({ connectorId: randomUUID() }).expect(400);
      const badId = await cp.http().patch(`/v1/pipelines/${pipelineOfB.id}`).set(asB).send({ connectorId: 'clearinghouse' }).expect(400);
      expect(badId.body.fields.map((f: { field: string }) => f.field)).toEqual(['connectorId']);
      // Below the service, the database refuses it too: the foreign key is (tenant_id, connector_id).
      await expect(pg.query(`UPDATE pipelines SET connector_id = $1 WHERE id = $2`, [ofA.id, pipelineOfB.id])).rejects.toThrow(/pipelines_connector_fkey/);
    });

    it('lets viewers read connectors but not create, check or delete them', async () => {
      const viewer = { email: `viewer-${randomBytes(3).toString('hex')}@${a.slug}.test`, password: randomBytes(12).toString('hex') };
      await cp.http().post('/v1/users').set(as(a.admin.token)).send({ ...viewer, role: 'tenant_viewer' }).expect(201);
      const token = (await cp.http().post('/v1/auth/token').send(viewer).expect(200)).body.accessToken as string;
      const connector = await createConnector(a, sftpConnectorBody());
      const check = await requestCheck(a, connector.id);
      await cp.http().get('/v1/connectors').set(as(token)).expect(200);
      await cp.http().get(`/v1/connectors/${connector.id}`).set(as(token)).expect(200);
      await cp.http().get(`/v1/connectors/${connector.id}/checks/${check.id}`).set(as(token)).expect(200);
      await cp.http().post('/v1/connectors').set(as(token)).send(sftpConnectorBody()).expect(403);
      await cp.http().post(`/v1/connectors/${connector.id}/checks`).set(as(token)).expect(403);
      await cp.http().delete(`/v1/connectors/${connector.id}`).set(as(token)).expect(403);
    });

    it('puts the connector into the jobs of pipelines that use it, and refuses to delete it while one does', async () => {
      const connector = await createConnector(a, sftpConnectorBody());
      const using = await createPipeline(a, { name: 'from-sftp', connectorId: connector.id.toUpperCase() });
      expect(using.connectorId).toBe(connector.id);
      const plain = await createPipeline(a);
      expect(plain.connectorId).toBeNull();

      const runOf = async (pipelineId: string) =>
        seen(await cp.http().post(`/v1/pipelines/${pipelineId}/runs`).set(as(a.admin.token)).expect(202)).body.id as string;
      const [usingRun, plainRun] = [await runOf(using.id), await runOf(plain.id)];
      await withQueue(a.tenantId, async (queue) => {
        expect((await queue.getJob(usingRun))!.data.pipeline.source).toEqual({ path: 'claims.csv', format: 'csv', options: {}, connectorId: connector.id });
        // Without a connector, the job is what it always was: no connectorId key at all.
        expect((await queue.getJob(plainRun))!.data.pipeline.source).toEqual({ path: 'claims.csv', format: 'csv', options: {} });
      });

      // Its files are on the connector: an upload URL into the landing zone would never be read.
      const upload = await cp.http().post(`/v1/pipelines/${using.id}/uploads`).set(as(a.admin.token)).send({ fileName: 'claims.csv' }).expect(409);
      expect(upload.body.message).toContain('reads its files from a connector');

      const refused = seen(await cp.http().delete(`/v1/connectors/${connector.id}`).set(as(a.admin.token)).expect(409));
      expect(refused.body).toMatchObject({ error: 'conflict', message: expect.stringContaining("'from-sftp'"), fields: [{ field: 'pipelines', message: 'from-sftp' }] });
      const detached = await cp.http().patch(`/v1/pipelines/${using.id}`).set(as(a.admin.token)).send({ connectorId: null }).expect(200);
      expect(detached.body.connectorId).toBeNull();
      const check = await requestCheck(a, connector.id);
      await cp.http().delete(`/v1/connectors/${connector.id}`).set(as(a.admin.token)).expect(204);
      await cp.http().get(`/v1/connectors/${connector.id}`).set(as(a.admin.token)).expect(404);
      // Its checks went with it.
      expect((await pg.query(`SELECT count(*)::int AS n FROM connector_checks WHERE id = $1`, [check.id])).rows[0].n).toBe(0);
    });
  });

  describe('checks', () => {
    it('queues a connector.check job on the tenant queue, and worker events report on it', async () => {
      const connector = await createConnector(a, sftpConnectorBody());
      const check = await requestCheck(a, connector.id);
      expect(check).toEqual({
        id: expect.any(String),
        status: 'queued',
        requestedAt: expect.any(String),
        finishedAt: null,
        fileCount: null,
        totalBytes: null,
        files: null,
        error: null,
      });
      await withQueue(a.tenantId, async (queue) => {
        const job = (await queue.getJob(check.id))!;
        expect(job.name).toBe('connector.check');
        expect(openedJob(cp, job)).toEqual({ tenantId: a.tenantId, checkId: check.id, connectorId: connector.id });
        expect(job.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 1000 } });
      });
      expect(await getCheck(a, connector.id, check.id)).toEqual(check);

      const report = checked(a.tenantId, check.id, connector.id);
      await events.send({ name: 'connector.checked', data: report });
      const done = await getCheck(a, connector.id, check.id);
      expect(done).toEqual({ ...check, status: 'reported', finishedAt: report.at, fileCount: 2, totalBytes: 3072, files: report.files });

      // A repeated or late event changes nothing once reported.
      const repository = cp.app.get(ConnectorChecksRepository);
      await repository.markReported(checked(a.tenantId, check.id, connector.id, { fileCount: 9, totalBytes: 9, files: [] }));
      await events.send({ name: 'connector.check_failed', data: { tenantId: a.tenantId, at: new Date().toISOString(), checkId: check.id, connectorId: connector.id, error: { code: 'connector_refused', message: 'late' } } });
      expect(await getCheck(a, connector.id, check.id)).toEqual(done);
    });

    it('records a failed check with its code and message; a report for another connector is ignored', async () => {
      const connector = await createConnector(a, sftpConnectorBody({ name: 'refusing' }));
      const check = await requestCheck(a, connector.id);
      const other = await createConnector(a, sftpConnectorBody());
      await events.send({ name: 'connector.checked', data: checked(a.tenantId, check.id, other.id) });
      expect((await getCheck(a, connector.id, check.id)).status).toBe('queued');

      const error = { code: 'connector_refused' as const, message: "connector 'refusing': the SFTP server refused the login" };
      await events.send({ name: 'connector.check_failed', data: { tenantId: a.tenantId, at: new Date().toISOString(), checkId: check.id, connectorId: connector.id, error } });
      const failed = await getCheck(a, connector.id, check.id);
      expect(failed).toMatchObject({ status: 'failed', error, fileCount: null, files: null, finishedAt: expect.any(String) });
      // A second failure does not overwrite the first.
      await cp.app.get(ConnectorChecksRepository).markFailed(a.tenantId, check.id, connector.id, { code: 'internal', message: 'again' }, new Date());
      expect(await getCheck(a, connector.id, check.id)).toEqual(failed);
      // Another tenant's event for the check reaches nothing.
      await cp.app.get(ConnectorChecksRepository).markReported(checked(b.tenantId, check.id, connector.id));
      expect(await getCheck(a, connector.id, check.id)).toEqual(failed);
    });

    it('marks the check failed and answers 503 when the queue cannot be reached', async () => {
      const connector = await createConnector(a, sftpConnectorBody());
      const spy = vi.spyOn(cp.app.get(TenantQueues), 'dispatch').mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      try {
        const response = await cp.http().post(`/v1/connectors/${connector.id}/checks`).set(as(a.admin.token)).expect(503);
        expect(response.body).toEqual({ error: 'unavailable', message: 'the connector check could not be queued; it is recorded as failed, try again shortly' });
      } finally {
        spy.mockRestore();
      }
      const { rows } = await pg.query(`SELECT id, status, error_code, error_message FROM connector_checks WHERE connector_id = $1`, [connector.id]);
      expect(rows).toEqual([{ id: expect.any(String), status: 'failed', error_code: 'dispatch_failed', error_message: 'the job queue could not be reached' }]);
      expect((await getCheck(a, connector.id, rows[0].id)).error).toEqual({ code: 'dispatch_failed', message: 'the job queue could not be reached' });
    });
  });

  describe('POST /internal/v1/connector-credentials', () => {
    it('answers 401 without the data-plane token, whatever else is presented, before looking at the body', async () => {
      const connector = await createConnector(a, sftpConnectorBody());
      const check = await requestCheck(a, connector.id);
      const body = { tenantId: a.tenantId, connectorId: connector.id, checkId: check.id };
      const apiKey = (await cp.http().post('/v1/api-keys').set(as(a.admin.token)).send({ name: `k-${randomBytes(3).toString('hex')}`, scopes: ['read', 'write'] }).expect(201)).body.key;
      for (const response of [
        await credentials(body, null),
        await credentials(body, randomBytes(32).toString('hex')),
        await credentials(body, a.admin.token),
        await credentials(body, apiKey),
        await credentials({ nonsense: true }, null),
        await cp.http().post('/internal/v1/connector-credentials').set('authorization', cp.dataPlaneToken).send(body),
        await cp.http().post('/internal/v1/connector-credentials').set('x-api-key', apiKey).send(body),
      ]) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ error: 'unauthorized', message: 'the data-plane token is missing or not accepted' });
      }
    });

    it('answers 400 naming the field for a bad body', async () => {
      const missing = await credentials({ tenantId: a.tenantId, checkId: randomUUID() }).expect(400);
      expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['connectorId']);
      const both = await credentials({ tenantId: a.tenantId, connectorId: randomUUID(), checkId: randomUUID(), runId: randomUUID() }).expect(400);
      expect(both.body.fields).toEqual([{ field: '(request)', message: expect.stringMatching(/^must name exactly one of runId, checkId/) }]);
      const unknown = await credentials({ tenantId: a.tenantId, connectorId: randomUUID(), checkId: randomUUID(), secret: 'x' }).expect(400);
      expect(unknown.body.message).toBe('(request): has an unknown key (key 4 of 4); see the API reference for the fields it takes');
    });

    it('releases the decrypted credentials for a queued check, uncached and audited, and only while it is queued', async () => {
      const body = sftpConnectorBody({ name: 'released', settings: { ...sftpConnectorBody().settings, port: 2222 } });
      const connector = await createConnector(a, body);
      const check = await requestCheck(a, connector.id);
      const response = await credentials({ tenantId: a.tenantId, connectorId: connector.id, checkId: check.id }).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toEqual({ kind: 'sftp', name: 'released', settings: { ...body.settings, archiveDirectory: null }, secret: body.secret });

      const { rows } = await pg.query(
        `SELECT actor_type, actor_id, action, resource_type, resource_id, outcome, details, row_to_json(e)::text AS json
         FROM audit_events e WHERE tenant_id = $1 AND action = 'connector.credentials_released'`,
        [a.tenantId],
      );
      expect(rows).toEqual([
        {
          actor_type: 'system',
          actor_id: expect.stringMatching(/^data-plane:[0-9a-f]{12}$/),
          action: 'connector.credentials_released',
          resource_type: 'connector',
          resource_id: connector.id,
          outcome: 'success',
          details: { kind: 'sftp', checkId: check.id },
          json: expect.any(String),
        },
      ]);
      expect(rows[0].json).not.toContain((body.secret as { password: string }).password);
      const verified = await cp.http().get('/v1/audit/verify').set(as(a.admin.token)).expect(200);
      expect(verified.body).toMatchObject({ ok: true });
      // The HTTP trail has the request too, in the platform chain: route and status, no body.
      const trail = await eventually(
        async () =>
          (await pg.query(`SELECT resource_type, status_code, details::text AS details FROM audit_events WHERE tenant_id IS NULL AND action = 'POST /internal/v1/connector-credentials' AND status_code = 200`)).rows,
        (found) => found.length > 0,
        { what: 'the HTTP audit entry of the release' },
      );
      expect(trail[0]).toEqual({ resource_type: 'connector-credentials', status_code: 200, details: '{}' });

      // Reported: the check no longer needs credentials.
      await events.send({ name: 'connector.checked', data: checked(a.tenantId, check.id, connector.id) });
      await credentials({ tenantId: a.tenantId, connectorId: connector.id, checkId: check.id }).expect(404);
    });

    it("answers the same 404 for a made-up check, another connector's check, and another tenant's connector", async () => {
      const connector = await createConnector(a, sftpConnectorBody());
      const check = await requestCheck(a, connector.id);
      const other = await createConnector(a, sftpConnectorBody());
      const ofB = await createConnector(b, sftpConnectorBody());
      const checkOfB = await requestCheck(b, ofB.id);
      for (const body of [
        { tenantId: a.tenantId, connectorId: connector.id, checkId: randomUUID() },
        { tenantId: a.tenantId, connectorId: other.id, checkId: check.id },
        { tenantId: b.tenantId, connectorId: connector.id, checkId: check.id },
        { tenantId: a.tenantId, connectorId: ofB.id, checkId: checkOfB.id },
        { tenantId: randomUUID(), connectorId: connector.id, checkId: check.id },
        { tenantId: a.tenantId, connectorId: connector.id, runId: randomUUID() },
        // An export id that names no queued export (see exports.e2e.spec.ts) is answered like any unknown work.
        { tenantId: a.tenantId, connectorId: connector.id, exportId: randomUUID() },
      ]) {
        const response = await credentials(body).expect(404);
        expect(response.body).toEqual({ error: 'not_found', message: 'connector credentials not found' });
      }
      // Uppercase ids are the same ids.
      await credentials({ tenantId: a.tenantId.toUpperCase(), connectorId: connector.id.toUpperCase(), checkId: check.id.toUpperCase() }).expect(200);
    });

    it('releases them for a queued or running run of a pipeline that uses the connector, and no other run', async () => {
      const s3 = s3ConnectorBody();
      const connector = await createConnector(a, s3);
      const pipeline = await createPipeline(a, { connectorId: connector.id });
      const plain = await createPipeline(a);
      const runOf = async (pipelineId: string) => (await cp.http().post(`/v1/pipelines/${pipelineId}/runs`).set(as(a.admin.token)).expect(202)).body.id as string;
      const run = await runOf(pipeline.id);
      const plainRun = await runOf(plain.id);

      const queued = await credentials({ tenantId: a.tenantId, connectorId: connector.id, runId: run }).expect(200);
      expect(queued.body).toEqual({ kind: 's3', name: s3.name, settings: { ...s3.settings, region: 'us-east-1', endpoint: null, forcePathStyle: false }, secret: s3.secret });
      await credentials({ tenantId: a.tenantId, connectorId: connector.id, runId: plainRun }).expect(404);
      await credentials({ tenantId: b.tenantId, connectorId: connector.id, runId: run }).expect(404);

      const at = () => new Date().toISOString();
      await events.send({ name: 'run.started', data: { tenantId: a.tenantId, runId: run, attempt: 1, at: at() } });
      await credentials({ tenantId: a.tenantId, connectorId: connector.id, runId: run }).expect(200);
      await events.send({ name: 'run.failed', data: { tenantId: a.tenantId, runId: run, attempt: 1, at: at(), willRetry: false, error: { code: 'connector_refused', message: 'refused' } } });
      await credentials({ tenantId: a.tenantId, connectorId: connector.id, runId: run }).expect(404);

      const audited = await pg.query(`SELECT details FROM audit_events WHERE tenant_id = $1 AND action = 'connector.credentials_released' AND resource_id = $2 ORDER BY seq`, [a.tenantId, connector.id]);
      expect(audited.rows.map((row) => row.details)).toEqual([
        { kind: 's3', runId: run },
        { kind: 's3', runId: run },
      ]);
    });
  });

  it('re-encrypts connector secrets on key rotation, after which they still decrypt', async () => {
    const body = s3ConnectorBody();
    const connector = await createConnector(a, body);
    const count = (await pg.query(`SELECT count(*)::int AS n FROM connectors`)).rows[0].n as number;
    const oldKeys = cp.env.SECRETS_KEYS!;
    const newKey = `next:${randomBytes(32).toString('base64')}`;
    const before = (await storedRow(connector.id)).secret_ciphertext;

    expect(await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`${newKey},${oldKeys}`))).toEqual({ reencrypted: count, failed: [] });
    const after = (await storedRow(connector.id)).secret_ciphertext;
    expect(SecretBox.keyIdOf(after)).toBe('next');
    expect(after).not.toBe(before);
    expect(JSON.parse(boxOf(newKey).decrypt(after))).toEqual(body.secret);
    expect(() => boxOf(oldKeys).decrypt(after)).toThrowError(SecretDecryptionError);

    // Back under the control plane's own key, which still releases them.
    expect(await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`${oldKeys},${newKey}`))).toEqual({ reencrypted: count, failed: [] });
    const check = await requestCheck(a, connector.id);
    expect((await credentials({ tenantId: a.tenantId, connectorId: connector.id, checkId: check.id }).expect(200)).body.secret).toEqual(body.secret);
  });

  it('never answered a user with a secret: not on create, get, list, check or error', () => {
    expect(secrets.length).toBeGreaterThan(5);
    expect(responses.length).toBeGreaterThan(20);
    const everything = responses.join('\n');
    for (const secret of [...secrets, PRIVATE_KEY_BODY.slice(0, 40), JSON.stringify(PRIVATE_KEY).slice(1, 60)]) expect(everything).not.toContain(secret);
  });
});
