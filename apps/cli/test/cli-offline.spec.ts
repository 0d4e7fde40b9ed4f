import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { npiCheckDigit } from '@ade/healthcare';
import { CCLF5_PART_B_PHYSICIAN_HEADERS, CCW_CARRIER_HEADERS, DE_SYNPUF_CARRIER_HEADERS, TUVA_MEDICAL_CLAIM_HEADERS } from '@ade/synthetic';
import { withBrokenSecondSet } from '../../../libs/healthcare/src/x12/test/x12-fixtures';
import { cliRunner } from './cli-harness';

describe('ade generate and ade validate, offline (no server)', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  const ade = cliRunner({});

  beforeAll(async () => {
    dir = await makeTempDir('cli-offline');
  });
  afterAll(() => dir?.cleanup());

  it('generates a file and validates it, finding the planted defects per rule', async () => {
    const out = join(dir.path, 'claims.csv');
    const generated = await ade('generate', 'claims', '--out', out, '--rows', '3000', '--seed', '9', '--as-of', '2026-11-01', '--json');
    expect(generated.code).toBe(0);
    const manifest = JSON.parse(generated.stdout);
    expect(manifest.rows).toBe(3000);

    const validated = await ade('validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01', '--json');
    expect(validated).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(validated.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['rows', 'valid', 'invalid', 'score', 'rules', 'violations']));
    const planted = Object.values(manifest.defects as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(report).toMatchObject({ rows: 3000, invalid: planted, valid: 3000 - planted });
    expect(report.rules['npi.check_digit']).toBe(manifest.defects.npi_check_digit);
    expect(report.violations).toHaveLength(planted);
    expect(report.violations[0]).toEqual({ row: expect.any(Number), column: expect.any(String), rule: expect.any(String), severity: 'error', message: expect.any(String) });
  });

  it('prints a human summary with counts per rule', async () => {
    const out = join(dir.path, 'small.csv');
    await ade('generate', 'claims', '--out', out, '--rows', '500', '--as-of', '2026-11-01');
    const result = await ade('validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rows 500, valid \d+, invalid \d+, score 0\.\d{4}/);
    expect(result.stdout).toMatch(/RULE\s+VIOLATIONS/);
  });

  it('exits 2 with one line for unusable input, an unknown state and a bad type', async () => {
    const missing = await ade('validate', join(dir.path, 'none.csv'), '--type', 'professional_claims');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^ade: file not found: .*none\.csv\n$/);
    const empty = join(dir.path, 'empty.csv');
    await writeFile(empty, '');
    expect((await ade('validate', empty, '--type', 'providers')).code).toBe(2);
    const state = await ade('validate', empty, '--type', 'providers', '--state', 'ZZ');
    expect(state.code).toBe(2);
    expect(state.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect((await ade('validate', empty, '--type', 'dental_claims')).code).toBe(2);
  });

  it('takes a memory limit for the engine from --memory-limit or ADE_VALIDATE_MEMORY_LIMIT, and refuses a bad one', async () => {
    const out = join(dir.path, 'limited.csv');
    await ade('generate', 'claims', '--out', out, '--rows', '300', '--as-of', '2026-11-01');
    const args = ['validate', out, '--type', 'professional_claims', '--as-of', '2026-11-01', '--json'];
    const limited = await ade(...args, '--memory-limit', '128MB');
    expect(limited.code).toBe(0);
    expect(JSON.parse(limited.stdout).rows).toBe(300);
    expect((await cliRunner({ ADE_VALIDATE_MEMORY_LIMIT: '256MB' })(...args)).code).toBe(0);
    for (const bad of [ade(...args, '--memory-limit', 'lots'), cliRunner({ ADE_VALIDATE_MEMORY_LIMIT: '1 bucket' })(...args)]) {
      const result = await bad;
      expect(result.code).toBe(2);
      expect(result.stderr).toBe("ade: --memory-limit (or ADE_VALIDATE_MEMORY_LIMIT) must be a size such as '1GB' or '512MB'\n");
    }
  });

  describe('layouts and mappings', () => {
    const npi = `123456789${npiCheckDigit('123456789')}`;
    const carrierRow: Record<string, string> = {
      BENE_ID: '-10000010254618', CLM_ID: '-10000930037921', CLM_FROM_DT: '03-MAR-2023', CLM_THRU_DT: '03-MAR-2023', ICD_DGNS_CD1: 'E119',
      CARR_CLM_BLG_NPI_NUM: npi, LINE_NUM: '1', LINE_SRVC_CNT: '1', LINE_PLACE_OF_SRVC_CD: '11', LINE_1ST_EXPNS_DT: '03-MAR-2023',
      HCPCS_CD: '99213', LINE_NCH_PMT_AMT: '72.50', LINE_SBMTD_CHRG_AMT: '150.00', LINE_ALOWD_CHRG_AMT: '90.63',
    };

    it('recognises a CMS carrier file with no --type and prints the layout and the mapping it used', async () => {
      const path = join(dir.path, 'carrier.csv');
      await writeFile(path, `${CCW_CARRIER_HEADERS.join('|')}\n${CCW_CARRIER_HEADERS.map((h) => carrierRow[h] ?? '').join('|')}\n`);
      const result = await ade('validate', path, '--as-of', '2026-11-01');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(': professional_claims (csv)');
      expect(result.stdout).toMatch(/^Layout: CMS CCW RIF carrier claims .* \(cms-ccw-rif-carrier\), as published in .*: https:\/\/www2\.ccwdata\.org\/\S+$/m);
      expect(result.stdout).toMatch(/^Not applied: medicaid_id\.format: BENE_ID is the CCW's key/m);
      expect(result.stdout).toMatch(/^claim_line_start_date\s+LINE_1ST_EXPNS_DT\s+layout$/m);
      expect(result.stdout).toContain('rows 1, valid 1, invalid 0');
    });

    it('reads a CCLF5 file, which carries no billing NPI or charge: says so and exits 0, judging the rest', async () => {
      const path = join(dir.path, 'cclf5.csv');
      const row: Record<string, string> = {
        CUR_CLM_UNIQ_ID: '2000000001', CLM_LINE_NUM: '1', BENE_MBI_ID: '1EG4TE5MK73', CLM_FROM_DT: '2024-03-05', CLM_POS_CD: '11',
        CLM_LINE_FROM_DT: '2024-03-05', CLM_LINE_HCPCS_CD: '99214', RNDRG_PRVDR_NPI_NUM: npi, CLM_LINE_SRVC_UNIT_QTY: '1', CLM_DGNS_1_CD: 'E119',
        DGNS_PRCDR_ICD_IND: '0', CLM_LINE_ALOWD_CHRG_AMT: '120.00', CLM_LINE_CVRD_PD_AMT: '95.00',
      };
      await writeFile(path, `${CCLF5_PART_B_PHYSICIAN_HEADERS.join(',')}\n${CCLF5_PART_B_PHYSICIAN_HEADERS.map((h) => row[h] ?? '').join(',')}\n`);
      const result = await ade('validate', path, '--as-of', '2026-11-01');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/\(cms-cclf5-part-b-physician\)/);
      expect(result.stdout).toMatch(/^Not carried: billing_npi: CCLF5 names the rendering provider/m);
      expect(result.stdout).toMatch(/^Not carried: charge_amount: /m);
      expect(result.stdout).not.toContain('Required columns missing');
      expect(result.stdout).toContain('rows 1, valid 1, invalid 0');
    });

    it('routes the lines of a Tuva medical_claim file to their claim form and says how many each judged', async () => {
      const path = join(dir.path, 'medical_claim.csv');
      const common = { claim_line_number: '1', member_id: 'AB12345C', billing_npi: npi, diagnosis_code_1: 'E11.9', service_unit_quantity: '1', charge_amount: '100.00' };
      const lines: Array<Record<string, string>> = [
        { ...common, claim_id: 'P1', claim_type: 'professional', place_of_service_code: '11', hcpcs_code: '99213', claim_line_start_date: '2024-03-01' },
        { ...common, claim_id: 'I1', claim_type: 'institutional', bill_type_code: '131', revenue_center_code: '0450', claim_start_date: '2024-03-02', claim_end_date: '2024-03-02' },
      ];
      await writeFile(path, `${TUVA_MEDICAL_CLAIM_HEADERS.join(',')}\n${lines.map((line) => TUVA_MEDICAL_CLAIM_HEADERS.map((h) => line[h] ?? '').join(',')).join('\n')}\n`);
      const result = await ade('validate', path, '--type', 'professional_claims', '--as-of', '2026-11-01');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Routed by claim type: professional lines \(1\) judged as professional_claims$/m);
      expect(result.stdout).toMatch(/^Routed by claim type: institutional lines \(1\) judged as institutional_claims$/m);
      expect(result.stdout).toContain('rows 2, valid 2, invalid 0');
    });

    it('reads a DE-SynPUF carrier file one line at a time and shows a violation as row.line', async () => {
      const path = join(dir.path, 'synpuf.csv');
      const row: Record<string, string> = {
        DESYNPUF_ID: '00013D2EFD8E45D1', CLM_ID: '887733370393390', CLM_FROM_DT: '20090511', CLM_THRU_DT: '20090511', ICD9_DGNS_CD_1: '4019',
        PRF_PHYSN_NPI_1: npi, HCPCS_CD_1: '99213', PRF_PHYSN_NPI_2: npi, HCPCS_CD_2: '9921',
      };
      await writeFile(path, `${DE_SYNPUF_CARRIER_HEADERS.join(',')}\n${DE_SYNPUF_CARRIER_HEADERS.map((h) => row[h] ?? '').join(',')}\n`);
      const result = await ade('validate', path, '--as-of', '2026-11-01');
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('Lines side by side (1 to 13 per row): 2 lines read from 1 rows, each judged as a row');
      expect(result.stdout).toMatch(/^1\.2\s+HCPCS_CD_2\s+procedure\.format\s/m);
      expect(result.stdout).toContain('rows 2, valid 1, invalid 1');
    });

    it('reads cryptic headers by --mapping FILE.json, and refuses a mapping that names a column the type lacks', async () => {
      const path = join(dir.path, 'cryptic.csv');
      await writeFile(path, `k1;k2;m;p;d;cpt;dos;pos;u;chg\nZ9;1;AB12345C;${npi};E11.9;99213;2025-03-01;11;1;100.00\n`);
      const columns = { claim_id: 'k1', claim_line_number: 'k2', member_id: 'm', billing_npi: 'p', diagnosis_code_1: 'd', hcpcs_code: 'cpt', claim_line_start_date: 'dos', place_of_service_code: 'pos', service_unit_quantity: 'u', charge_amount: 'chg' };
      const mapping = join(dir.path, 'mapping.json');
      await writeFile(mapping, JSON.stringify({ dataType: 'professional_claims', columns }));
      const result = await ade('validate', path, '--mapping', mapping, '--as-of', '2026-11-01', '--json');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report).toMatchObject({ type: 'professional_claims', rows: 1, invalid: 0, layout: { id: 'mapping-file', source: null } });
      expect(report.columns.mapped).toContainEqual({ source: 'dos', canonical: 'claim_line_start_date', by: 'layout' });

      await writeFile(mapping, JSON.stringify({ dataType: 'professional_claims', columns: { ...columns, bed_count: 'beds' } }));
      const refused = await ade('validate', path, '--mapping', mapping);
      expect(refused).toMatchObject({ code: 2, stderr: `ade: ${mapping}: columns.bed_count: is not a professional_claims column\n` });
      const missing = await ade('validate', path, '--mapping', join(dir.path, 'no-mapping.json'));
      expect(missing).toMatchObject({ code: 2, stderr: `ade: ${join(dir.path, 'no-mapping.json')}: file not found\n` });
    });

    it('exits 2 after the report when required columns cannot be found, naming them', async () => {
      const path = join(dir.path, 'partial.csv');
      await writeFile(path, 'claim_id,claim_line_number,member_id\nC1,1,AB12345C\n');
      const result = await ade('validate', path, '--type', 'professional_claims', '--as-of', '2026-11-01');
      expect(result.code).toBe(2);
      expect(result.stdout).toContain('Required columns missing: billing_npi, diagnosis_code_1');
      expect(result.stderr).toMatch(/^ade: .*partial\.csv has no column for billing_npi, diagnosis_code_1, .*; confirm the proposal with --write-mapping FILE\.json, then --mapping FILE\.json\n$/);
    });

    it('proposes a mapping for a file in no known layout, asks about what it is unsure of, and takes the answer back', async () => {
      const path = join(dir.path, 'payer-extract.csv');
      const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => `C${n};1;AB${10000 + n}C;${npi};E11.9;99213;03/02/2025;11;1;150.00;72.50`);
      await writeFile(path, `CLMNO;LN;MBR_NO;PRVDR_NPI;DX1;PX_CD;DOS_FR;POS;QTY;CHG_AMT;PD_AMT\n${rows.join('\n')}\n`);
      const proposal = join(dir.path, 'proposal.json');
      const asked = await ade('validate', path, '--as-of', '2026-11-01', '--write-mapping', proposal);
      expect(asked.code).toBe(2);
      expect(asked.stdout).toMatch(/^Layout: none recognised; columns proposed from their headers and values/m);
      expect(asked.stdout).toMatch(/^claim_line_start_date\s+DOS_FR\s+1\.00\s+yes\s+reads like service_from_date \(1\.00\); 100% of 12 sampled values are dates/m);
      // PRVDR_NPI could be the billing or the rendering NPI: proposed, not applied.
      expect(asked.stdout).toMatch(/^(billing|rendering)_npi\s+PRVDR_NPI\s+0\.\d\d\s+ask\s+.*valid NPIs/m);
      expect(asked.stderr).toContain(`wrote the proposed mapping to ${proposal}`);
      expect(asked.stderr).toMatch(/has no column for billing_npi; confirm the proposal/);

      const written = JSON.parse(await readFile(proposal, 'utf8'));
      expect(written).toMatchObject({ dataType: 'professional_claims', columns: { claim_id: 'CLMNO', paid_amount: 'PD_AMT' } });
      const { rendering_npi: _rendering, ...columns } = written.columns;
      await writeFile(proposal, JSON.stringify({ ...written, columns: { ...columns, billing_npi: 'PRVDR_NPI' } }));
      const confirmed = await ade('validate', path, '--as-of', '2026-11-01', '--mapping', proposal, '--json');
      expect(confirmed.code).toBe(0);
      expect(JSON.parse(confirmed.stdout)).toMatchObject({ rows: 12, invalid: 0, layout: { id: 'mapping-file' }, columns: { missingRequired: [] } });
    });
  });

  it('validates an X12 837 file recognised by its content, listing its envelope findings, and exits 2 when a transaction set was rejected', async () => {
    const fixture = await readFile(resolve(__dirname, '../../../libs/healthcare/src/x12/fixtures/837p-two-claims.x12'), 'utf8');
    const miscounted = join(dir.path, 'miscounted.edi');
    await writeFile(miscounted, fixture.replace('SE*48*0001', 'SE*12*0001'));
    const checked = await ade('validate', miscounted, '--as-of', '2026-11-01');
    expect(checked.code).toBe(0);
    const lines = checked.stdout.split('\n');
    expect(lines[0]).toBe(`${miscounted}: professional_claims (x12), state pack ${JSON.parse((await ade('validate', miscounted, '--json')).stdout).state}, as of 2026-11-01`);
    expect(lines[3]).toBe('X12 837P: 1 interchange(s), 1 transaction set(s) accepted, 0 rejected; 2 claim(s), 3 service line(s)');
    expect(lines[4]).toMatch(/^SEVERITY\s+SEGMENT\s+POSITION\s+FINDING$/);
    expect(lines[5]).toMatch(/^warning\s+SE\s+50\s+SE01 does not match the 48 segments of transaction set 0001$/);

    const enrollment = join(dir.path, 'enrollment.834');
    await writeFile(enrollment, await readFile(resolve(__dirname, '../../../libs/healthcare/src/x12/fixtures/834-enrollment.x12'), 'utf8'));
    const members = await ade('validate', enrollment, '--as-of', '2026-11-01');
    expect(members.code).toBe(0);
    expect(members.stdout.split('\n')[3]).toBe('X12 834: 1 interchange(s), 1 transaction set(s) accepted, 0 rejected; 2 member(s), 3 coverage row(s)');

    const remittance = await readFile(resolve(__dirname, '../../../libs/healthcare/src/x12/fixtures/835-remittance.x12'), 'utf8');
    const advice = join(dir.path, 'advice.835');
    await writeFile(advice, remittance);
    const payments = await ade('validate', advice, '--as-of', '2026-11-01');
    expect(payments.code).toBe(0);
    expect(payments.stdout.split('\n').slice(0, 4)).toEqual([
      `${advice}: remittance (x12), state pack ${JSON.parse((await ade('validate', advice, '--json')).stdout).state}, as of 2026-11-01`,
      '  rows 5, valid 5, invalid 0, score 1.0000',
      '',
      'X12 835: 1 interchange(s), 1 transaction set(s) accepted, 0 rejected; 4 claim payment(s), 5 remittance row(s)',
    ]);
    await writeFile(advice, remittance.replace('SVC*HC:99213*200*150**1', 'SVC*HC:99213*200*140**1'));
    const unbalanced = JSON.parse((await ade('validate', advice, '--as-of', '2026-11-01', '--json')).stdout);
    expect(unbalanced).toMatchObject({ type: 'remittance', rows: 5, invalid: 1, rules: { 'remittance.line_balance': 1 } });

    const partly = join(dir.path, 'partly.x12');
    await writeFile(partly, withBrokenSecondSet(fixture));
    const ack = join(dir.path, 'partly.999');
    const rejected = await ade('validate', partly, '--as-of', '2026-11-01', '--json', '--ack', ack);
    expect(rejected.code).toBe(2);
    expect(JSON.parse(rejected.stdout).x12).toMatchObject({ transactionSets: { accepted: 1, rejected: 1 }, claims: 2 });
    expect(rejected.stderr).toBe(`ade: wrote the 999 acknowledgment to ${ack}\nade: ${partly}: 1 X12 transaction set(s) rejected; their claims were not judged\n`);
    const acknowledged = (await readFile(ack, 'utf8')).split('~\n').filter((s) => /^(AK2|IK5|AK9)\*/.test(s));
    expect(acknowledged).toEqual(['AK2*837*0001*005010X222A1', 'IK5*A', 'AK2*837*0002*005010X222A1', 'IK5*R*I5', 'AK9*P*2*2*1']);
    const retired = join(dir.path, 'retired.x12');
    await writeFile(retired, fixture.replace('*X*005010X222A1~', '*X*004010X098A1~'));
    const refused = await ade('validate', retired, '--ack', ack);
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.stderr).toMatch(/^ade: wrote the 999 acknowledgment to .*\nade: .*retired\.x12 is not a readable X12 file: GS segment at position 2: GS08 is the retired 4010 version/);
    expect((await readFile(ack, 'utf8')).split('~\n').filter((s) => /^(AK1|IK5|AK9)\*/.test(s))).toEqual(['AK1*HC*101*004010X098A1', 'IK5*R*1', 'AK9*R*1*1*0*2']);
    const csv = join(dir.path, 'not-x12.csv');
    await ade('generate', 'claims', '--out', csv, '--rows', '10', '--as-of', '2026-11-01');
    expect(await ade('validate', csv, '--type', 'professional_claims', '--ack', ack)).toMatchObject({ code: 2, stderr: `ade: ${csv} is not an X12 file; --ack writes a 999 acknowledgment of one\n` });
  });

  it('runs as the packaged bin and never prints a stack trace', async () => {
    const bin = resolve(__dirname, '../../../bin/ade.js');
    const error = await promisify(execFile)(process.execPath, [bin, 'validate', join(dir.path, 'missing.csv'), '--type', 'eligibility'], { encoding: 'utf8' }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
