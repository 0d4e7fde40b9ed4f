import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, uniqueQueuePrefix } from '@ade/testing';
import { startS3Server, S3_TEST_CREDENTIALS, type TestS3Server } from '../../../libs/testing/src/s3-server';
import { startSftpServer, type TestSftpServer } from '../../../libs/testing/src/sftp-server';
import { cliRunner } from '../../cli/test/cli-harness';
import { startWorker } from '../../data-plane-worker/test/worker.harness';
import { startControlPlane } from './control-plane.harness';
import { createTenant } from './factories';
import { dumpPostgresSchema, dumpRedisPrefix } from './phi-boundary.harness';
import { assemblePlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, triggerRun, waitForRunEnd } from './run-flow';

const HEADER = 'claim_id,claim_line_number,billing_npi,paid_amount';
const csv = (...ids: string[]) => `${HEADER}\n${ids.map((id) => `${id},1,1234567893,1.50`).join('\n')}\n`;

/**
 * Files from a tenant's own SFTP server and S3 bucket, through connectors: the control plane
 * keeps the credentials encrypted and releases them to the worker, by reference, for a job it
 * queued; a real OpenSSH server and a real S3-compatible server stand at the other end.
 */
describe('connector sources (control plane + worker + real SFTP and S3 servers)', () => {
  let sftp: TestSftpServer;
  let s3: TestS3Server;
  let platform: PlatformHarness;
  let apiUrl: string;
  let ade: ReturnType<typeof cliRunner>;
  const run = async (pipelineId: string) => waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipelineId));
  const admin = () => as(platform.tenant.admin.token);
  const sftpConnector = async (name: string, settings: Record<string, unknown> = {}) => {
    const body = {
      name,
      kind: 'sftp',
      settings: { host: sftp.host, port: sftp.port, username: sftp.username, directory: sftp.directory, hostKeyFingerprint: sftp.hostKeyFingerprint, ...settings },
      secret: { privateKey: sftp.privateKey },
    };
    return (await platform.cp.http().post('/v1/connectors').set(admin()).send(body).expect(201)).body as { id: string; name: string };
  };

  beforeAll(async () => {
    [sftp, s3] = await Promise.all([startSftpServer('connectors-e2e'), startS3Server('connectors-e2e', 'payer-outbound')]);
    const queuePrefix = uniqueQueuePrefix('connectors');
    const dir = await makeTempDir('connectors');
    const cp = await startControlPlane({ queuePrefix, label: 'connectors' });
    await cp.app.listen(0, '127.0.0.1');
    apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    const worker = await startWorker({ queuePrefix, dataDir: dir.path, env: { CONTROL_PLANE_URL: apiUrl, DATA_PLANE_TOKEN: cp.dataPlaneToken } });
    platform = await assemblePlatform({ cp, worker, dir, queuePrefix });
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'cli'), ADE_PASSWORD: platform.tenant.admin.password, S3_KEY: S3_TEST_CREDENTIALS.secretAccessKey });
    expect((await ade('login', '--email', platform.tenant.admin.email)).code).toBe(0);
  });
  afterAll(async () => {
    await platform?.close();
    await Promise.all([sftp?.close(), s3?.close()]);
  });

  it('lands files from an SFTP directory once, archives them on the server, and never lets the key leave the control plane', async () => {
    await sftp.put('inbound/claims/2026-01.csv', csv('S1', 'S2'));
    await sftp.put('inbound/claims/readme.md', 'not a claims file');
    const connector = await sftpConnector('clearinghouse', { directory: `${sftp.directory}/inbound`, archiveDirectory: `${sftp.directory}/archive` });
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'sftp-claims', sourcePath: 'claims', targetTable: 'healthcare_data.silver.sftp_claims', connectorId: connector.id });

    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 2, filesLoaded: 1 } });
    expect(sftp.exists('inbound/claims/2026-01.csv')).toBe(false);
    expect(await sftp.read('archive/claims/2026-01.csv')).toBe(csv('S1', 'S2'));
    expect(sftp.exists('inbound/claims/readme.md')).toBe(true);

    // The same file delivered again (a clearinghouse resend) is skipped by name and content; a new one lands.
    await sftp.put('inbound/claims/2026-01.csv', csv('S1', 'S2'));
    await sftp.put('inbound/claims/2026-02.csv', csv('S3'));
    expect((await run(pipeline.id)).counts).toMatchObject({ rowsLoaded: 1, filesLoaded: 1, filesSkipped: 1 });
    const rows = await platform.withCatalog((c) => c.query('SELECT _source_file, count(*) AS n FROM healthcare_data.bronze.sftp_claims GROUP BY 1 ORDER BY 1'));
    expect(rows.map((r) => `${r['_source_file']}=${r['n']}`)).toEqual(['claims/2026-01.csv=2', 'claims/2026-02.csv=1']);

    const keyLine = sftp.privateKey.split('\n')[1]!;
    const redis = await dumpRedisPrefix(platform.cp.env['QUEUE_PREFIX']!);
    expect(redis.length).toBeGreaterThan(0);
    expect(redis.filter((entry) => entry.value.includes(keyLine))).toEqual([]);
    const postgres = await dumpPostgresSchema(platform.cp.env['DATABASE_SCHEMA']!);
    expect(postgres.filter((entry) => entry.row.includes(keyLine))).toEqual([]);
  });

  it("fails a run fast, naming the pipeline, when the server's host key is not the pinned one", async () => {
    await sftp.put('pinned/2026-03.csv', csv('P1'));
    const connector = await sftpConnector('impostor', { directory: `${sftp.directory}/pinned`, hostKeyFingerprint: sftp.otherFingerprint });
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'pinned', sourcePath: '.', targetTable: 'healthcare_data.silver.pinned', connectorId: connector.id });
    const failed = await run(pipeline.id);
    expect(failed).toMatchObject({
      status: 'failed',
      attempt: 1,
      error: {
        code: 'connector_refused',
        message: `pipeline 'pinned': connector 'impostor': the SFTP server 127.0.0.1:${sftp.port} presented host key ${sftp.hostKeyFingerprint}, not the pinned ${sftp.otherFingerprint}; not connecting`,
      },
    });
    expect(sftp.exists('pinned/2026-03.csv')).toBe(true);
  });

  it('ade connector create, list and test: credentials from a file, shown masked, and the files a run would pick up', async () => {
    await sftp.put('cli/2026-04.x12', 'ISA*00*~');
    await sftp.put('cli/2026-05.x12', 'ISA*00*~GS*~');
    const keyFile = join(platform.dataDir, 'id_ed25519');
    await writeFile(keyFile, sftp.privateKey, { mode: 0o600 });
    const created = await ade(
      'connector', 'create', 'state-mmis', '--type', 'sftp', '--host', sftp.host, '--port', String(sftp.port), '--user', sftp.username,
      '--directory', `${sftp.directory}/cli`, '--host-key', sftp.hostKeyFingerprint, '--private-key-file', keyFile,
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toContain(`sftp://${sftp.username}@127.0.0.1:${sftp.port}${sftp.directory}/cli`);
    expect(created.stdout).not.toContain(sftp.privateKey.split('\n')[1]!);

    const listed = await ade('connector', 'list');
    expect(listed.stdout).toMatch(/state-mmis\s+sftp/);
    expect(listed.stdout).not.toContain(sftp.privateKey.split('\n')[1]!);

    const tested = await ade('connector', 'test', 'state-mmis', '--json');
    expect(tested).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(tested.stdout)).toMatchObject({ status: 'reported', fileCount: 2, totalBytes: 20, files: [{ name: '2026-04.x12', sizeBytes: 8 }, { name: '2026-05.x12', sizeBytes: 12 }] });

    const strangerFile = join(platform.dataDir, 'id_stranger');
    await writeFile(strangerFile, sftp.strangerKey, { mode: 0o600 });
    const wrongKey = await ade(
      'connector', 'create', 'wrong-key', '--type', 'sftp', '--host', sftp.host, '--port', String(sftp.port), '--user', sftp.username,
      '--directory', `${sftp.directory}/cli`, '--host-key', sftp.hostKeyFingerprint, '--private-key-file', strangerFile,
    );
    expect(wrongKey.code).toBe(0);
    const failed = await ade('connector', 'test', 'wrong-key');
    expect(failed).toMatchObject({ code: 1, stderr: `ade: connector wrong-key: connector 'wrong-key': the SFTP server 127.0.0.1:${sftp.port} refused the login of user '${sftp.username}'\n` });
  });

  it("lands files from the tenant's own bucket through an S3 connector, and refuses wrong keys as configuration", async () => {
    await s3.put('outbound/eligibility/2026-06.csv', csv('B1', 'B2', 'B3'));
    const created = await ade(
      'connector', 'create', 'payer-bucket', '--type', 's3', '--bucket', 'payer-outbound', '--prefix', 'outbound/', '--endpoint', s3.endpoint,
      '--force-path-style', '--access-key-id', S3_TEST_CREDENTIALS.accessKeyId, '--secret-access-key-env', 'S3_KEY', '--json',
    );
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const connector = JSON.parse(created.stdout) as { id: string };
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 's3-claims', sourcePath: 'eligibility', targetTable: 'healthcare_data.silver.s3_connector_claims', connectorId: connector.id });
    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 3, filesLoaded: 1 } });

    const wrong = await platform.cp
      .http()
      .post('/v1/connectors')
      .set(admin())
      .send({ name: 'bad-keys', kind: 's3', settings: { bucket: 'payer-outbound', prefix: 'outbound/', endpoint: s3.endpoint, forcePathStyle: true }, secret: { accessKeyId: 'AKIAWRONG', secretAccessKey: 'wrong-secret' } })
      .expect(201);
    const refused = await createPipeline(platform.cp, platform.tenant, { name: 's3-refused', sourcePath: 'eligibility', targetTable: 'healthcare_data.silver.s3_refused', connectorId: wrong.body.id });
    expect(await run(refused.id)).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'connector_refused', message: expect.stringMatching(/^connector 'bad-keys': the bucket refused the connector's credentials/) } });
  });

  it('exports a quarantine table to the bucket and to the SFTP server, each with a manifest that matches the file', async () => {
    // The S3 test above landed three claim lines that lack the layout's required fields: a quarantine extract.
    const exported = await ade('export', 'healthcare_data.silver.s3_connector_claims_quarantine', '--to', 'payer-bucket:exports/2026/claims.parquet', '--json');
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const view = JSON.parse(exported.stdout) as { status: string; rowCount: number; bytes: number; sha256: string };
    expect(view).toMatchObject({ status: 'completed', rowCount: 3, format: 'parquet', path: 'exports/2026/claims.parquet' });
    const file = await s3.get('outbound/exports/2026/claims.parquet');
    expect(file.length).toBe(view.bytes);
    expect(createHash('sha256').update(file).digest('hex')).toBe(view.sha256);
    const manifest = JSON.parse((await s3.get('outbound/exports/2026/claims.parquet.manifest.json')).toString('utf8'));
    expect(manifest).toMatchObject({ table: 'healthcare_data.silver.s3_connector_claims_quarantine', format: 'parquet', where: null, rows: 3, bytes: view.bytes, sha256: view.sha256 });
    expect(manifest.columns.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['claim_id', 'billing_npi', 'paid_amount']));

    const filtered = await ade('export', 'healthcare_data.silver.s3_connector_claims_quarantine', '--to', 'state-mmis:outgoing/b2.csv', '--format', 'csv', '--where', "claim_id = 'B2'");
    expect(filtered).toMatchObject({ code: 0, stderr: '' });
    expect(filtered.stdout).toContain('1 rows');
    const csvText = await sftp.read('cli/outgoing/b2.csv');
    expect(csvText.split('\n')[1]).toMatch(/^B2,/);
    expect(csvText.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(await sftp.read('cli/outgoing/b2.csv.manifest.json'))).toMatchObject({ rows: 1, where: "claim_id = 'B2'", sha256: createHash('sha256').update(csvText).digest('hex') });
    expect(sftp.exists('cli/outgoing/.b2.csv.partial')).toBe(false);
  });

  it('fails an export of a table that does not exist, and refuses bronze and foreign filters before queueing anything', async () => {
    const missing = await ade('export', 'healthcare_data.silver.never_loaded', '--to', 'payer-bucket:exports/none.parquet');
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('source_not_found: table healthcare_data.silver.never_loaded does not exist') });
    expect(await ade('export', 'healthcare_data.bronze.sftp_claims', '--to', 'payer-bucket:exports/raw.parquet')).toMatchObject({ code: 1, stderr: expect.stringContaining('table: schema must be one of silver, gold') });
    expect(await ade('export', 'healthcare_data.silver.s3_connector_claims', '--to', 'payer-bucket:x.csv', '--where', "claim_id IN (SELECT * FROM read_text('/etc/passwd'))")).toMatchObject({ code: 1, stderr: expect.stringContaining('where:') });
    expect(await ade('export', 'healthcare_data.silver.s3_connector_claims', '--to', 'nowhere')).toMatchObject({ code: 2 });
  });

  it("gives another tenant neither the connector nor a pipeline on it", async () => {
    const connector = await sftpConnector('private-one');
    const other = await createTenant(platform.cp);
    await platform.cp.http().get(`/v1/connectors/${connector.id}`).set(as(other.admin.token)).expect(404);
    const refused = await platform.cp
      .http()
      .post('/v1/pipelines')
      .set(as(other.admin.token))
      .send({ name: 'borrowed', dataType: 'professional_claims', sourcePath: 'claims', targetTable: `${other.catalogName}.silver.borrowed`, connectorId: connector.id })
      .expect(400);
    expect(refused.body.message).toContain('connectorId');
  });
});
