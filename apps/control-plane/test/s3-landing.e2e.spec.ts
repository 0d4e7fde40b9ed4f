import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../../libs/testing/src/s3-server';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { createPipeline, triggerRun, waitForRunEnd } from './run-flow';

const HEADER = 'claim_id,claim_line_number,billing_npi,paid_amount';

/** Tenants' files delivered to an S3-compatible bucket: a worker configured with LANDING_S3_URL reads them there. */
describe('runs reading the landing zone from object storage (control plane + worker + a real S3 server)', () => {
  let s3: TestS3Server;
  let platform: PlatformHarness;
  const run = async (pipelineId: string) => waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipelineId));
  const put = (path: string, body: string) => s3.put(`ade/tenants/${platform.tenant.tenantId}/landing/${path}`, body);

  beforeAll(async () => {
    s3 = await startS3Server('landing-e2e');
    platform = await startPlatform('s3-landing', { workerEnv: s3.workerEnv('ade') });
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

  it('fails a run whose source is missing from the bucket, naming the path', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'missing', sourcePath: 'nowhere/2026.csv', targetTable: 'healthcare_data.silver.s3_missing' });
    expect(await run(pipeline.id)).toMatchObject({ status: 'failed', error: { code: 'source_not_found', message: 'source file not found: nowhere/2026.csv' } });
  });
});
