import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type PlatformHarness } from '../../control-plane/test/platform.harness';
import { land } from '../../control-plane/test/run-flow';
import { CCW_CARRIER_HEADERS } from '@ade/synthetic';
import { carrierLine, delimited } from '../../../libs/quality/test/public-layout-files';
import { cliRunner } from './cli-harness';

describe('ade pipeline logs', () => {
  let platform: PlatformHarness;
  let ade: ReturnType<typeof cliRunner>;

  beforeAll(async () => {
    platform = await startPlatform('cli-logs');
    await platform.cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(platform.cp.app.getHttpServer().address() as AddressInfo).port}`;
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(platform.dataDir, 'cli'), ADE_PASSWORD: platform.tenant.admin.password });
    expect((await ade('login', '--email', platform.tenant.admin.email)).code).toBe(0);
  });
  afterAll(() => platform?.close());

  it('shows quarantines and schema drift in time order, with the auto-resolution rate', async () => {
    const { tenantId } = platform.tenant;
    await land(platform.dataDir, tenantId, 'logs/a.csv', 'claim_id,paid_amount\nC1,1.00\n');
    await land(platform.dataDir, tenantId, 'logs/b.csv', 'claim_id,paid_amount\nC2,2.00\nC3\n');
    await ade('pipeline', 'create', 'logged', '--source-path', 'logs', '--target-table', 'healthcare_data.silver.logged');
    // Bare claims (no NPI, dates or codes): every row the runs land is quarantined, which --wait reports with exit 1.
    expect(await ade('pipeline', 'run', 'logged', '--wait')).toMatchObject({ code: 1, stderr: expect.stringContaining('quarantined every one of its 1 rows') });
    await land(platform.dataDir, tenantId, 'logs/c.csv', 'claim_id,paid_amount,memo\nC4,4.00,late\n');
    expect(await ade('pipeline', 'run', 'logged', '--wait')).toMatchObject({ code: 1, stderr: expect.stringContaining('quarantined every one of its 1 rows') });

    const logs = await ade('pipeline', 'logs', 'logged', '--lines', '10');
    expect(logs.code).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/data\/source_unreadable logs\/b\.csv: .* -> quarantine_file \(unresolved\)$/);
    expect(lines[1]).toMatch(/schema drift in logs\/c\.csv: added memo \(VARCHAR\)  -> evolved \(addNewColumns\)$/);
    expect(lines[2]).toBe('incidents: 1 (resolved 0, unresolved 1, pending 0); auto-resolution rate 0.0%');

    const json = JSON.parse((await ade('pipeline', 'logs', 'logged', '--json')).stdout);
    expect(json.summary).toMatchObject({ total: 1, autoResolutionRate: 0 });
    expect(json.drift).toHaveLength(1);
    // Its files were read by column names: no layout line.
    expect(json.layouts).toEqual([]);
    expect((await ade('pipeline', 'logs', 'logged', '--lines', '0')).code).toBe(2);
  });

  it('says which known layout a run read its files as', async () => {
    await land(platform.dataDir, platform.tenant.tenantId, 'cms/carrier.csv', delimited(CCW_CARRIER_HEADERS, [carrierLine()], '|'));
    await ade('pipeline', 'create', 'cms-carrier', '--source-path', 'cms', '--target-table', 'healthcare_data.silver.cms_carrier');
    expect((await ade('pipeline', 'run', 'cms-carrier', '--wait')).code).toBe(0);

    const logs = await ade('pipeline', 'logs', 'cms-carrier');
    expect(logs.code).toBe(0);
    const lines = logs.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\S+  run [0-9a-f]{8}  files read as CMS CCW RIF carrier claims .* \(cms-ccw-rif-carrier\) into healthcare_data\.silver\.cms_carrier$/);
    expect(lines[1]).toBe('incidents: 0 (resolved 0, unresolved 0, pending 0); auto-resolution rate n/a');
    const json = JSON.parse((await ade('pipeline', 'logs', 'cms-carrier', '--json')).stdout);
    expect(json.layouts).toEqual([expect.objectContaining({ layout: { id: 'cms-ccw-rif-carrier', name: expect.any(String) } })]);
  });
});
