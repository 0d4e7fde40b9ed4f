import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editSegments, FIXTURES_DIR, readFixture, withBrokenSecondSet } from '../../../libs/healthcare/src/x12/test/x12-fixtures';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, land, triggerRun, waitForRunEnd } from './run-flow';

const HEADER = 'claim_id,claim_line_number,billing_npi,paid_amount';
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => `C${from + i},1,1234567893,${i}.50`).join('\n');

describe('the ingestion agent (control plane + worker + DuckDB)', () => {
  let platform: PlatformHarness;
  const run = async (pipeline: { id: string }) => waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipeline.id));
  const incidents = async (pipelineId: string) =>
    (await platform.cp.http().get(`/v1/pipelines/${pipelineId}/incidents`).set(as(platform.tenant.admin.token)).expect(200)).body;
  const count = (table: string) => platform.withCatalog((c) => c.countRows({ catalog: 'healthcare_data', schema: 'bronze', table }));

  beforeAll(async () => {
    platform = await startPlatform('agent');
  });
  afterAll(() => platform?.close());

  it('lands a changed file again as a new version, and an unchanged one never twice', async () => {
    const path = await land(platform.dataDir, platform.tenant.tenantId, 'versions/claims.csv', `${HEADER}\n${rows(1, 3)}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'versions', targetTable: 'healthcare_data.silver.versions' });
    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 3, filesLoaded: 1 });
    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 0, filesSkipped: 1 });
    await writeFile(path, `${HEADER}\n${rows(1, 3)}\n${rows(4, 2)}\n`);
    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 5, filesLoaded: 1, filesSkipped: 0 });
    expect(await count('versions')).toBe(8);
  });

  it('discovers files by a wildcard in the file name', async () => {
    for (const [name, from] of [['jan.csv', 1], ['feb.csv', 10], ['notes.csv', 20]] as const) {
      await land(platform.dataDir, platform.tenant.tenantId, `glob/2026-${name}`, `${HEADER}\n${rows(from, 2)}\n`);
    }
    await land(platform.dataDir, platform.tenant.tenantId, 'glob/readme.csv', `${HEADER}\n${rows(90, 1)}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'glob/2026-*.csv', targetTable: 'healthcare_data.silver.globbed' });
    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 6, filesLoaded: 3 });
  });

  it('quarantines a truncated CSV while the other files land, records the incident, and skips it until it changes', async () => {
    await land(platform.dataDir, platform.tenant.tenantId, 'mixed/a-good.csv', `${HEADER}\n${rows(1, 4)}\n`);
    const truncated = await land(platform.dataDir, platform.tenant.tenantId, 'mixed/b-truncated.csv', `${HEADER}\n${rows(5, 2)}\nC7,1,12345`);
    await land(platform.dataDir, platform.tenant.tenantId, 'mixed/c-good.csv', `${HEADER}\n${rows(8, 3)}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'mixed', targetTable: 'healthcare_data.silver.mixed' });

    const first = await run(pipeline);
    expect(first).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 7, filesLoaded: 2, filesQuarantined: 1 } });
    const recorded = await incidents(pipeline.id);
    expect(recorded.items).toEqual([
      // The run went on, but the file's rows did not land: that needs a person, so it is not resolved.
      expect.objectContaining({ failureClass: 'data', action: 'quarantine_file', file: 'mixed/b-truncated.csv', outcome: 'unresolved', error: expect.objectContaining({ code: 'source_unreadable' }) }),
    ]);
    expect(recorded.summary).toEqual({ total: 1, resolved: 0, unresolved: 1, pending: 0, autoResolutionRate: 0 });

    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 0, filesSkipped: 3, filesQuarantined: 0 });
    expect((await incidents(pipeline.id)).items).toHaveLength(1);

    await writeFile(truncated, `${HEADER}\n${rows(5, 3)}\n`);
    expect((await run(pipeline)).counts).toMatchObject({ rowsLoaded: 3, filesLoaded: 1, filesSkipped: 2 });
    expect(await count('mixed')).toBe(10);
  });

  it('quarantines a corrupt Parquet file while the good one lands', async () => {
    const good = join(platform.dataDir, 'tenants', platform.tenant.tenantId, 'landing', 'parquet', 'good.parquet');
    await mkdir(dirname(good), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT 'C' || i AS claim_id, '1' AS claim_line_number FROM range(5) t(i)) TO '${good}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    await land(platform.dataDir, platform.tenant.tenantId, 'parquet/corrupt.parquet', 'PAR1 this is not a parquet file');
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'parquet', sourceFormat: 'parquet', targetTable: 'healthcare_data.silver.parquet_claims' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 5, filesLoaded: 1, filesQuarantined: 1 } });
  });

  it('lands X12 837P and 837I interchanges as canonical claim lines', async () => {
    const landing = join(platform.dataDir, 'tenants', platform.tenant.tenantId, 'landing');
    await mkdir(join(landing, 'edi-p'), { recursive: true });
    await mkdir(join(landing, 'edi-i'), { recursive: true });
    await copyFile(join(FIXTURES_DIR, '837p-two-claims.x12'), join(landing, 'edi-p', 'batch.x12'));
    await copyFile(join(FIXTURES_DIR, '837i-two-claims.x12'), join(landing, 'edi-i', 'batch.x12'));
    const professional = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'edi-p', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_professional' });
    const institutional = await createPipeline(platform.cp, platform.tenant, {
      sourcePath: 'edi-i',
      sourceFormat: 'x12',
      dataType: 'institutional_claims',
      targetTable: 'healthcare_data.silver.edi_institutional',
    });
    expect(await run(professional)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 3, filesLoaded: 1 } });
    expect(await run(institutional)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 5, filesLoaded: 1 } });
    const claims = await platform.withCatalog((c) =>
      c.query<{ claims: string; lines: string }>('SELECT count(DISTINCT claim_id) AS claims, count(*) AS lines FROM healthcare_data.bronze.edi_professional'),
    );
    expect(claims).toEqual([{ claims: '2', lines: '3' }]);
  });

  it('quarantines an interchange whose transaction set is broken, with a reason that names the segment', async () => {
    const broken = editSegments(readFixture('837p-two-claims.x12'), (segments) => segments.filter((s) => !s.startsWith('SE*')));
    await land(platform.dataDir, platform.tenant.tenantId, 'edi-bad/broken.x12', broken);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'edi-bad', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_broken' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { filesQuarantined: 1 } });
    const [incident] = (await incidents(pipeline.id)).items;
    expect(incident.error.message).toMatch(/^edi-bad\/broken\.x12 is not a valid X12 file: SE segment at position \d+: transaction set 0001 has no SE trailer/);
  });

  it('lands the good transaction sets of an 837 and records the rejected one as an unresolved incident', async () => {
    await land(platform.dataDir, platform.tenant.tenantId, 'edi-partly/partly.x12', withBrokenSecondSet(readFixture('837p-two-claims.x12')));
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'edi-partly', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_partly' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { filesLoaded: 1, filesQuarantined: 0, rowsLoaded: 3 } });
    const { items } = await incidents(pipeline.id);
    expect(items).toEqual([
      expect.objectContaining({ failureClass: 'data', action: 'reject_transaction_sets', file: 'edi-partly/partly.x12', outcome: 'unresolved', error: expect.objectContaining({ code: 'source_unreadable' }) }),
    ]);
    expect(items[0].error.message).toMatch(/^edi-partly\/partly\.x12: 1 of 2 X12 transaction sets rejected, the others landed; the first: CLM segment at position \d+: .*transaction set 0002 rejected$/);
  });

  it('lands the claims of an interchange whose envelope counts disagree', async () => {
    const miscounted = editSegments(readFixture('837p-two-claims.x12'), (segments) => segments.map((s) => (s.startsWith('IEA') ? 'IEA*3*000000101' : s.startsWith('SE*') ? 'SE*12*0001' : s)));
    await land(platform.dataDir, platform.tenant.tenantId, 'edi-counts/miscounted.x12', miscounted);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'edi-counts', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_counts' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { filesLoaded: 1, filesQuarantined: 0, rowsLoaded: 3 } });
  });

  it('quarantines an 837I sent to a professional-claims pipeline', async () => {
    const landing = join(platform.dataDir, 'tenants', platform.tenant.tenantId, 'landing', 'edi-mixup');
    await mkdir(landing, { recursive: true });
    await copyFile(join(FIXTURES_DIR, '837i-two-claims.x12'), join(landing, 'batch.x12'));
    const pipeline = await createPipeline(platform.cp, platform.tenant, { sourcePath: 'edi-mixup', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_mixup' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 0, filesQuarantined: 1 } });
    const [incident] = (await incidents(pipeline.id)).items;
    expect(incident.error.message).toBe('edi-mixup/batch.x12 is an 837I interchange (institutional_claims); this pipeline carries professional_claims');
  });

  it('lands an 834 benefit enrollment as eligibility rows, one per member and coverage', async () => {
    await land(platform.dataDir, platform.tenant.tenantId, 'edi-834/enrollment.x12', readFixture('834-enrollment.x12'));
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'edi-834', dataType: 'eligibility', sourcePath: 'edi-834', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.edi_enrollment' });
    expect(await run(pipeline)).toMatchObject({ status: 'succeeded', counts: { filesLoaded: 1, rowsLoaded: 3 } });
    const rows = await platform.withCatalog((c) => c.query<{ member_id: string; plan: string }>('SELECT member_id, plan FROM healthcare_data.bronze.edi_enrollment ORDER BY plan'));
    expect(rows).toEqual([
      { member_id: 'MCD000112', plan: 'CHIP' },
      { member_id: 'MCD000111', plan: 'MEDICAID DENTAL' },
      { member_id: 'MCD000111', plan: 'MEDICAID STANDARD' },
    ]);
  });

  it('gives no upload URL while landing zones live on the workers disks, saying what is needed', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'no-uploads', sourcePath: 'inbox', targetTable: 'healthcare_data.silver.no_uploads' });
    const response = await platform.cp.http().post(`/v1/pipelines/${pipeline.id}/uploads`).set(as(platform.tenant.admin.token)).send({ fileName: 'claims.csv' }).expect(409);
    expect(response.body).toMatchObject({ error: 'conflict', message: expect.stringContaining('LANDING_S3_URL') });
  });

  it('refuses x12 for a data type X12 cannot carry, naming the ones it can', async () => {
    const response = await platform.cp
      .http()
      .post('/v1/pipelines')
      .set(as(platform.tenant.admin.token))
      .send({ name: 'edi-providers', dataType: 'providers', sourcePath: 'x', sourceFormat: 'x12', targetTable: 'healthcare_data.silver.p' })
      .expect(400);
    expect(response.body.fields[0]).toMatchObject({ field: 'sourceFormat', message: expect.stringContaining('x12 carries professional_claims, institutional_claims, eligibility, remittance (837P, 837I, 834, 835), not providers') });
  });
});
