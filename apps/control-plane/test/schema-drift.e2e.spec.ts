import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { as, createPipeline, land, triggerRun, waitForRunEnd } from './run-flow';

const FEB = ['claim_id,claim_line_number,billing_npi,paid_amount', 'C1,1,1234567893,10.00', 'C2,1,1234567893,20.00'].join('\n');
// March: billing_npi arrives as "Billing Provider NPI" (a synonym), and a fax column appears.
const MAR = ['claim_id,claim_line_number,Billing Provider NPI,paid_amount,fax_number', 'C3,1,1234567893,30.00,555-0100'].join('\n');

describe('schema drift through the whole stack', () => {
  let platform: PlatformHarness;
  const get = async (path: string) => (await platform.cp.http().get(path).set(as(platform.tenant.admin.token)).expect(200)).body;
  const run = async (pipelineId: string) => waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipelineId));

  async function pipelineWithTwoFiles(name: string, mode?: string) {
    await land(platform.dataDir, platform.tenant.tenantId, `${name}/2026-02.csv`, FEB);
    const pipeline = await createPipeline(platform.cp, platform.tenant, {
      sourcePath: name,
      targetTable: `healthcare_data.silver.${name}`,
      ...(mode ? { options: { schemaEvolution: mode } } : {}),
    });
    expect((await run(pipeline.id)).status).toBe('succeeded');
    await land(platform.dataDir, platform.tenant.tenantId, `${name}/2026-03.csv`, MAR);
    return pipeline;
  }

  beforeAll(async () => {
    platform = await startPlatform('drift');
  });
  afterAll(() => platform?.close());

  it('evolves the table for a new column and lands a renamed one in place (addNewColumns)', async () => {
    const pipeline = await pipelineWithTwoFiles('evolving');
    expect(await run(pipeline.id)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 1, filesLoaded: 1, filesSkipped: 1 } });

    const rows = await platform.withCatalog((c) =>
      c.query('SELECT claim_id, billing_npi, fax_number FROM healthcare_data.bronze.evolving ORDER BY claim_id'),
    );
    expect(rows).toEqual([
      { claim_id: 'C1', billing_npi: '1234567893', fax_number: null },
      { claim_id: 'C2', billing_npi: '1234567893', fax_number: null },
      { claim_id: 'C3', billing_npi: '1234567893', fax_number: '555-0100' },
    ]);
    const drift = await get(`/v1/pipelines/${pipeline.id}/drift`);
    expect(drift.items).toHaveLength(1);
    expect(drift.items[0]).toMatchObject({ file: 'evolving/2026-03.csv', mode: 'addNewColumns', decision: 'evolved' });
    expect(drift.items[0].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'renamed', column: 'Billing Provider NPI', previousColumn: 'billing_npi' }),
        expect.objectContaining({ kind: 'added', column: 'fax_number' }),
      ]),
    );
    const versions = await get(`/v1/pipelines/${pipeline.id}/schema-versions`);
    expect(versions.items.map((v: { columns: Array<{ name: string }> }) => v.columns.map((c) => c.name))).toContainEqual(
      ['claim_id', 'claim_line_number', 'billing_npi', 'paid_amount', 'fax_number'],
    );
  });

  it('keeps the schema and rescues the new column as JSON (rescue)', async () => {
    const pipeline = await pipelineWithTwoFiles('rescuing', 'rescue');
    expect((await run(pipeline.id)).status).toBe('succeeded');
    const [row] = await platform.withCatalog((c) =>
      c.query<{ billing_npi: string; _rescued_data: string }>("SELECT billing_npi, _rescued_data FROM healthcare_data.bronze.rescuing WHERE claim_id = 'C3'"),
    );
    expect(row!.billing_npi).toBe('1234567893');
    expect(JSON.parse(row!._rescued_data)).toEqual({ fax_number: '555-0100', _file_path: 'rescuing/2026-03.csv' });
    expect(await platform.withCatalog((c) => c.tableExists({ catalog: 'healthcare_data', schema: 'bronze', table: 'rescuing' }))).toBe(true);
  });

  it('fails the run with the drift report and an unresolved incident (failOnNewColumns)', async () => {
    const pipeline = await pipelineWithTwoFiles('strict', 'failOnNewColumns');
    const failed = await run(pipeline.id);
    expect(failed).toMatchObject({ status: 'failed', attempt: 1, error: { code: 'schema_mismatch' } });
    expect(failed.error!.message).toContain('fax_number');
    const [report] = (await get(`/v1/pipelines/${pipeline.id}/drift`)).items;
    expect(report).toMatchObject({ decision: 'failed', mode: 'failOnNewColumns' });
    const recorded = await get(`/v1/pipelines/${pipeline.id}/incidents`);
    expect(recorded.items).toEqual([expect.objectContaining({ failureClass: 'schema', action: 'fail_fast', outcome: 'unresolved' })]);
    expect(await platform.withCatalog((c) => c.countRows({ catalog: 'healthcare_data', schema: 'bronze', table: 'strict' }))).toBe(2);
  });
});
