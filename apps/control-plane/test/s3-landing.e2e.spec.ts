import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../libs/testing/src/s3-server';
import { cliRunner } from '../../cli/test/cli-harness';
import { createTenant } from './factories';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, triggerRun, waitForRunEnd } from './run-flow';

/** Seconds an upload URL lasts here: long enough to use at once, short enough to outlive in a test. */
const URL_TTL_SECONDS = 3;

const HEADER = 'claim_id,claim_line_number,billing_npi,paid_amount';

/** Tenants' files delivered to an S3-compatible bucket: a worker configured with LANDING_S3_URL reads them there. */
describe('runs reading the landing zone from object storage (control plane + worker + a real S3 server)', () => {
  let s3: TestS3Server;
  let platform: PlatformHarness;
  const run = async (pipelineId: string) => waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipelineId));
  const put = (path: string, body: string) => s3.put(`ade/tenants/${platform.tenant.tenantId}/landing/${path}`, body);

  beforeAll(async () => {
    s3 = await startS3Server('landing-e2e');
    platform = await startPlatform('s3-landing', { workerEnv: s3.workerEnv('ade'), cpEnv: { ...s3.workerEnv('ade'), LANDING_UPLOAD_URL_TTL_SECONDS: String(URL_TTL_SECONDS), LANDING_UPLOAD_PART_MIB: '5' } });
  });
  afterAll(async () => {
    await platform?.close();
    await s3?.close();
  });

  it('lands the files of the source directory once, then only what is new or changed', async () => {
    await put('claims/2026-01.csv', `${HEADER}\nC1,1,1234567893,1.50\nC2,1,1234567893,2.50\n`);
    await put('claims/readme.md', 'not a claims file');
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'claims', targetTable: 'healthcare_data.silver.s3_claims' });
    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 2, filesLoaded: 1, filesSkipped: 0 } });
    expect((await run(pipeline.id)).counts).toMatchObject({ rowsLoaded: 0, filesLoaded: 0, filesSkipped: 1 });

    await put('claims/2026-02.csv', `${HEADER}\nC3,1,1234567893,3.50\n`);
    await put('claims/2026-01.csv', `${HEADER}\nC1,1,1234567893,1.50\nC2,1,1234567893,2.50\nC4,1,1234567893,4.50\n`);
    expect((await run(pipeline.id)).counts).toMatchObject({ rowsLoaded: 4, filesLoaded: 2, filesSkipped: 0 });
    const rows = await platform.withCatalog((c) => c.query('SELECT _source_file, count(*) AS n FROM healthcare_data.bronze.s3_claims GROUP BY 1 ORDER BY 1'));
    expect(rows.map((r) => `${r['_source_file']}=${r['n']}`)).toEqual(['claims/2026-01.csv=5', 'claims/2026-02.csv=1']);
  });

  it('ade upload sends a file straight to the landing prefix by a short-lived URL, and the next run lands it', async () => {
    await platform.cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(platform.cp.app.getHttpServer().address() as AddressInfo).port}`;
    const ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'cli'), ADE_PASSWORD: platform.tenant.admin.password });
    expect((await ade('login', '--email', platform.tenant.admin.email)).code).toBe(0);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'uploaded', sourcePath: 'uploads/2026-*.csv', targetTable: 'healthcare_data.silver.s3_uploaded' });
    const file = join(platform.dataDir, '2026-03.csv');
    await writeFile(file, `${HEADER}\nU1,1,1234567893,9.50\nU2,1,1234567893,8.50\nU3,1,1234567893,7.50\n`);

    const uploaded = await ade('upload', file, '--pipeline', 'uploaded', '--json');
    expect(uploaded).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(uploaded.stdout)).toEqual({ pipeline: 'uploaded', path: 'uploads/2026-03.csv', bytes: 114, parts: 1 });
    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 3, filesLoaded: 1 } });

    const stray = join(platform.dataDir, '2025-12.csv');
    await writeFile(stray, `${HEADER}\n`);
    expect(await ade('upload', stray, '--pipeline', 'uploaded')).toMatchObject({ code: 1, stderr: expect.stringContaining("fileName: does not match the pipeline's source pattern uploads/2026-*.csv") });
  });

  it('sends a file larger than the part size in parts, which exists for a run only once complete', async () => {
    await platform.cp.app.listen(0, '127.0.0.1').catch(() => undefined);
    const apiUrl = `http://127.0.0.1:${(platform.cp.app.getHttpServer().address() as AddressInfo).port}`;
    const ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'cli-parts'), ADE_PASSWORD: platform.tenant.admin.password });
    expect((await ade('login', '--email', platform.tenant.admin.email)).code).toBe(0);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'large', sourcePath: 'large', targetTable: 'healthcare_data.silver.s3_large' });
    const line = (n: number) => `L${String(n).padStart(7, '0')},1,1234567893,${(n % 90) + 1}.25\n`;
    const lines = 400_000;
    const file = join(platform.dataDir, '2026-04.csv');
    await writeFile(file, HEADER + '\n' + Array.from({ length: lines }, (_, n) => line(n)).join(''));

    const uploaded = await ade('upload', file, '--pipeline', 'large', '--json');
    expect(uploaded).toMatchObject({ code: 0, stderr: '' });
    const result = JSON.parse(uploaded.stdout) as { bytes: number; parts: number };
    expect(result.bytes).toBeGreaterThan(10 * 2 ** 20);
    expect(result.parts).toBe(Math.ceil(result.bytes / (5 * 2 ** 20)));
    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: lines, filesLoaded: 1 } });

    // Parts sent but not yet completed: no object, nothing for a run.
    const { body: plan } = await platform.cp.http().post(`/v1/pipelines/${pipeline.id}/uploads`).set(as(platform.tenant.admin.token)).send({ fileName: '2026-05.csv', sizeBytes: 6 * 2 ** 20 }).expect(201);
    expect(plan).toMatchObject({ method: 'MULTIPART', path: 'large/2026-05.csv', partSize: 5 * 2 ** 20, parts: [{ partNumber: 1 }, { partNumber: 2 }] });
    const part = await fetch(plan.parts[0].url, { method: 'PUT', body: `${HEADER}\nP1,1,1234567893,1.00\n` });
    expect(part.status).toBe(200);
    expect((await run(pipeline.id)).counts).toMatchObject({ filesLoaded: 0, filesSkipped: 1 });
    const wrongPath = await platform.cp
      .http()
      .post(`/v1/pipelines/${pipeline.id}/uploads/complete`)
      .set(as(platform.tenant.admin.token))
      .send({ path: 'claims/2026-01.csv', uploadId: plan.uploadId, parts: [{ partNumber: 1, etag: part.headers.get('etag') }] })
      .expect(400);
    expect(wrongPath.body.message).toBe('path: must be the path the upload request answered for this pipeline');
    // Completed with the part it has (the last part may be short): now the file exists, and the next run lands it.
    const completed = await platform.cp
      .http()
      .post(`/v1/pipelines/${pipeline.id}/uploads/complete`)
      .set(as(platform.tenant.admin.token))
      .send({ path: plan.path, uploadId: plan.uploadId, parts: [{ partNumber: 1, etag: part.headers.get('etag') }] })
      .expect(200);
    expect(completed.body).toEqual({ path: 'large/2026-05.csv', parts: 1 });
    expect((await run(pipeline.id)).counts).toMatchObject({ rowsLoaded: 1, filesLoaded: 1, filesSkipped: 1 });
  });

  it('refuses an upload URL once it has expired, and gives another tenant no URL for this pipeline', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'expiring', sourcePath: 'late', targetTable: 'healthcare_data.silver.s3_late' });
    const { body } = await platform.cp.http().post(`/v1/pipelines/${pipeline.id}/uploads`).set(as(platform.tenant.admin.token)).send({ fileName: 'x.csv' }).expect(201);
    expect(body).toMatchObject({ method: 'PUT', path: 'late/x.csv', url: expect.stringContaining('X-Amz-Expires=3') });
    await new Promise((resolve) => setTimeout(resolve, (URL_TTL_SECONDS + 1.5) * 1000));
    const late = await fetch(body.url, { method: 'PUT', body: `${HEADER}\n` });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('<Code>AccessDenied</Code>');

    const other = await createTenant(platform.cp);
    await platform.cp.http().post(`/v1/pipelines/${pipeline.id}/uploads`).set(as(other.admin.token)).send({ fileName: 'x.csv' }).expect(404);
  });

  it('fails a run whose source is missing from the bucket, naming the path', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'missing', sourcePath: 'nowhere/2026.csv', targetTable: 'healthcare_data.silver.s3_missing' });
    expect(await run(pipeline.id)).toMatchObject({ status: 'failed', error: { code: 'source_not_found', message: 'source file not found: nowhere/2026.csv' } });
  });
});
