import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ade/testing';
import { BILLING, payerExtract as extract } from '../../../libs/quality/test/public-layout-files';
import { createTenant } from './factories';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, land, triggerRun, waitForRunEnd } from './run-flow';

/**
 * Files in no known layout through the whole stack: the worker profiles them, a run it cannot map
 * surely stops with its proposal, a person confirms it over the API, and the next run reads the
 * files (those of the stopped run too) by the accepted version.
 */
describe('pipeline column mappings, end to end', () => {
  let platform: PlatformHarness;

  beforeAll(async () => {
    platform = await startPlatform('pipeline-mappings');
  });
  afterAll(() => platform?.close());

  const admin = () => as(platform.tenant.admin.token);
  const http = () => platform.cp.http();

  it('stops a run with the proposal, takes the accepted mapping to the next run, and versions every change', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'payer-extract', sourcePath: 'extracts', targetTable: 'healthcare_data.silver.extract_claims' });
    await land(platform.dataDir, platform.tenant.tenantId, 'extracts/2025-03.csv', extract(100, 12));
    const stoppedRun = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    const stopped = await waitForRunEnd(platform.cp, platform.tenant, stoppedRun, 30_000);
    expect(stopped).toMatchObject({ status: 'failed', error: { code: 'mapping_needed', message: expect.stringContaining('billing_npi could not be mapped surely') } });
    // Names and figures only: nothing of the file's values reaches the control plane.
    expect(JSON.stringify(stopped)).not.toContain(BILLING);

    const shown = await eventually(
      async () => (await http().get(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).expect(200)).body,
      (body) => body.proposal !== null,
      { what: 'the proposal' },
    );
    expect(shown).toMatchObject({ pipelineId: pipeline.id, dataType: 'professional_claims', accepted: null, versions: [], proposal: { runId: stoppedRun } });
    expect(shown.proposal.proposal.missingRequired).toEqual(['billing_npi']);
    expect(shown.proposal.proposal.columns).toContainEqual(expect.objectContaining({ source: 'PRVDR_NPI', applied: false }));
    expect(JSON.stringify(shown)).not.toMatch(new RegExp(`${BILLING}|AB10100C|E11\\.9`));

    expect(shown.proposal.columns).toMatchObject({ claim_id: 'CLMNO', billing_npi: 'PRVDR_NPI' });
    const accepted = (await http().post(`/v1/pipelines/${pipeline.id}/mapping/accept`).set(admin()).expect(201)).body;
    // Accepting stores the proposal as it stands: every column it proposed, sure or not.
    expect(accepted.columns).toEqual(shown.proposal.columns);
    expect(accepted).toMatchObject({ version: 1, acceptedBy: expect.any(String) });
    // The person says which NPI column is which: a new version.
    const columns = { ...accepted.columns, billing_npi: 'PRVDR_NPI', rendering_npi: 'REND_PROV' };
    const edited = (await http().put(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).send({ columns }).expect(200)).body;
    expect(edited).toMatchObject({ version: 2, columns });

    await land(platform.dataDir, platform.tenant.tenantId, 'extracts/2025-04.csv', extract(200, 3));
    const nextRun = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    expect(await waitForRunEnd(platform.cp, platform.tenant, nextRun, 60_000)).toMatchObject({ status: 'succeeded' });
    const silver = await platform.withCatalog((catalog) =>
      catalog.query(`SELECT count(*)::INTEGER AS n, count(DISTINCT billing_npi)::INTEGER AS npis, min(billing_npi) AS npi FROM healthcare_data.silver.extract_claims`),
    );
    // The stopped run's twelve rows and the next run's three, all read by version 2.
    expect(silver).toEqual([{ n: 15, npis: 1, npi: BILLING }]);
    const quality = await eventually(
      async () => (await http().get(`/v1/pipelines/${pipeline.id}/quality`).set(admin()).expect(200)).body,
      (body) => body.items.some((item: { runId: string }) => item.runId === nextRun),
      { what: 'the quality report' },
    );
    expect(quality.items.find((item: { runId: string }) => item.runId === nextRun).layout).toEqual({ id: 'accepted-mapping-v2', name: 'the mapping accepted for this pipeline, version 2' });
    expect((await http().get(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).expect(200)).body).toMatchObject({ accepted: { version: 2 }, versions: [2, 1] });
  });

  it('refuses a mapping that names what the data type lacks or reads one column twice, naming the field', async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'mapping-refusals' });
    const unknown = await http().put(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).send({ columns: { bed_count: 'BEDS' } }).expect(400);
    expect(unknown.body.fields).toEqual([{ field: 'columns.bed_count', message: 'is not a professional_claims column' }]);
    const twice = await http().put(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).send({ columns: { billing_npi: 'NPI', rendering_npi: 'NPI' } }).expect(400);
    expect(twice.body.fields).toEqual([{ field: 'columns.rendering_npi', message: "'NPI' is already the source of billing_npi" }]);
    await http().put(`/v1/pipelines/${pipeline.id}/mapping`).set(admin()).send({ columns: {} }).expect(400);
    const nothing = await http().post(`/v1/pipelines/${pipeline.id}/mapping/accept`).set(admin()).expect(409);
    expect(nothing.body.message).toBe('no run of this pipeline has proposed a mapping to accept');
  });

  it("keeps tenants apart: another tenant's pipeline mapping is 404 to read and to change", async () => {
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'mapping-private' });
    const other = await createTenant(platform.cp);
    await http().get(`/v1/pipelines/${pipeline.id}/mapping`).set(as(other.admin.token)).expect(404);
    await http().put(`/v1/pipelines/${pipeline.id}/mapping`).set(as(other.admin.token)).send({ columns: { claim_id: 'CLMNO' } }).expect(404);
    await http().post(`/v1/pipelines/${pipeline.id}/mapping/accept`).set(as(other.admin.token)).expect(404);
  });
});
