import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type PlatformHarness } from '../../control-plane/test/platform.harness';
import { land } from '../../control-plane/test/run-flow';
import { BILLING, payerExtract as extract } from '../../../libs/quality/test/public-layout-files';
import { cliRunner } from './cli-harness';

describe('ade mapping', () => {
  let platform: PlatformHarness;
  let ade: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    platform = await startPlatform('cli-mapping');
    await platform.cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(platform.cp.app.getHttpServer().address() as AddressInfo).port}`;
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'cli'), ADE_PASSWORD: platform.tenant.admin.password });
    expect((await ade('login', '--email', platform.tenant.admin.email)).code).toBe(0);
  });
  afterAll(() => platform?.close());

  it("shows the proposal a run stopped with, takes the person's answer as a version, and the next run reads files by it", async () => {
    await land(platform.dataDir, platform.tenant.tenantId, 'payer/march.csv', extract(100, 12));
    await ade('pipeline', 'create', 'payer', '--source-path', 'payer', '--target-table', 'healthcare_data.silver.payer_claims');
    const stopped = await ade('pipeline', 'run', 'payer', '--wait');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/failed: mapping_needed: the files' columns for billing_npi could not be mapped surely/);

    const shown = await ade('mapping', 'show', 'payer');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^payer \(professional_claims\): no mapping accepted/m);
    expect(shown.stdout).toMatch(/^(billing|rendering)_npi\s+PRVDR_NPI\s+0\.\d\d\s+ask\s+.*valid NPIs/m);
    expect(shown.stdout).toContain('Required columns it was unsure of: billing_npi');
    expect(shown.stdout).not.toContain(BILLING);

    const edited = await ade('mapping', 'edit', 'payer', '--set', 'billing_npi=PRVDR_NPI', '--set', 'rendering_npi=REND_PROV');
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/^Stored version 1 of payer's mapping:/);
    expect(edited.stdout).toMatch(/^billing_npi\s+PRVDR_NPI$/m);

    await land(platform.dataDir, platform.tenant.tenantId, 'payer/april.csv', extract(200, 2));
    expect((await ade('pipeline', 'run', 'payer', '--wait')).code).toBe(0);
    const logs = await ade('pipeline', 'logs', 'payer');
    expect(logs.stdout).toMatch(/files read as the mapping accepted for this pipeline, version 1 \(accepted-mapping-v1\) into healthcare_data\.silver\.payer_claims$/m);

    const accepted = await ade('mapping', 'accept', 'payer', '--json');
    expect(JSON.parse(accepted.stdout)).toMatchObject({ version: 2 });
    expect(JSON.parse((await ade('mapping', 'show', 'payer', '--json')).stdout)).toMatchObject({ accepted: { version: 2 }, versions: [2, 1] });
  });

  it('refuses a malformed --set and a column the data type lacks, naming it', async () => {
    await ade('pipeline', 'create', 'payer-refusals', '--source-path', 'nothing', '--target-table', 'healthcare_data.silver.payer_refusals');
    expect(await ade('mapping', 'edit', 'payer-refusals', '--set', 'billing_npi')).toMatchObject({ code: 2, stderr: expect.stringContaining("--set takes COLUMN=SOURCE, not 'billing_npi'") });
    expect((await ade('mapping', 'edit', 'payer-refusals')).code).toBe(2);
    const unknown = await ade('mapping', 'edit', 'payer-refusals', '--set', 'bed_count=BEDS');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('columns.bed_count: is not a professional_claims column');
  });
});
