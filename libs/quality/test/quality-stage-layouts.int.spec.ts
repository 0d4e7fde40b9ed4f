import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCLF5_PART_B_PHYSICIAN_HEADERS, CCW_CARRIER_HEADERS, CCW_INPATIENT_HEADERS, CCW_PDE_HEADERS, DE_SYNPUF_CARRIER_HEADERS, SYNTHEA_CLAIMS_HEADERS } from '@ade/synthetic';
import { MappingNeededError, runQualityStage } from '../src';
import { BAD_NPI, BILLING, carrierLine, cclf5Line, delimited, inpatientLine, pdeRow, RENDERING, synpufClaim } from './public-layout-files';
import { AS_OF, CATALOG, landInBronze, openQualityWorld, type QualityWorld } from './quality-stage.fixtures';

describe('quality stage on files in public layouts', () => {
  let world: QualityWorld;
  beforeEach(async () => {
    world = await openQualityWorld('quality-stage-layouts');
  });
  afterEach(() => world.cleanup());

  async function landAndJudge(dataType: 'professional_claims' | 'institutional_claims' | 'pharmacy_claims', name: string, content: string) {
    const path = join(world.dir, name);
    await writeFile(path, content);
    const runId = randomUUID();
    await landInBronze(world.catalog, path, name, 'claims', runId);
    return (await runQualityStage(world.catalog, { dataType, catalog: CATALOG, table: 'claims', runId, settings: { expectations: [] }, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir }))!;
  }

  // The files' service dates are years before AS_OF, so freshness fails too: counted apart.
  const failures = (report: { expectations: Array<{ rule: string; column: string | null; failed: number }> }) =>
    report.expectations.filter((e) => e.failed > 0 && e.rule !== 'business.freshness').map((e) => [e.rule, e.column, e.failed]);

  it('reads a CMS carrier file by its layout into silver, quarantines the bad NPI and records the layout', async () => {
    const { report } = await landAndJudge(
      'professional_claims',
      'carrier.csv',
      delimited(CCW_CARRIER_HEADERS, [carrierLine(), carrierLine({ LINE_NUM: '2', HCPCS_CD: '36415' }), carrierLine({ CLM_ID: '-10000930037922', CARR_CLM_BLG_NPI_NUM: BAD_NPI })], '|'),
    );
    expect(report.layout).toEqual({ id: 'cms-ccw-rif-carrier', name: expect.stringContaining('CMS CCW RIF carrier claims') });
    expect(report.rows).toMatchObject({ input: 3, silver: 2, quarantined: 1 });
    expect(failures(report)).toEqual([['npi.check_digit', 'billing_npi', 1]]);
    expect(report.expectations.map((e) => e.rule)).not.toContain('medicaid_id.format');
    const silver = await world.catalog.query(
      `SELECT claim_id, claim_line_number, member_id, billing_npi, diagnosis_code_1, hcpcs_code, claim_line_start_date::VARCHAR AS line_date, paid_amount::VARCHAR AS paid FROM ${CATALOG}.silver.claims ORDER BY claim_line_number`,
    );
    expect(silver).toEqual([
      { claim_id: '-10000930037921', claim_line_number: '1', member_id: '-10000010254618', billing_npi: BILLING, diagnosis_code_1: 'E11.9', hcpcs_code: '99213', line_date: '2023-03-03', paid: '72.50' },
      { claim_id: '-10000930037921', claim_line_number: '2', member_id: '-10000010254618', billing_npi: BILLING, diagnosis_code_1: 'E11.9', hcpcs_code: '36415', line_date: '2023-03-03', paid: '72.50' },
    ]);
  });

  it('builds the type of bill of CMS inpatient rows in silver from its three fields', async () => {
    const { report } = await landAndJudge(
      'institutional_claims',
      'inpatient.csv',
      delimited(CCW_INPATIENT_HEADERS, [inpatientLine(), inpatientLine({ CLM_ID: '-10000930000003', CLM_FAC_TYPE_CD: '', CLM_SRVC_CLSFCTN_TYPE_CD: '', CLM_FREQ_CD: '' })], '|'),
    );
    expect(report.layout?.id).toBe('cms-ccw-rif-inpatient');
    expect(failures(report)).toEqual([['required.missing', 'bill_type_code', 1]]);
    const silver = await world.catalog.query(`SELECT bill_type_code, admission_date::VARCHAR AS admitted, discharge_date::VARCHAR AS discharged FROM ${CATALOG}.silver.claims`);
    expect(silver).toEqual([{ bill_type_code: '111', admitted: '2020-06-10', discharged: '2020-06-15' }]);
  });

  it('reads Part D events into silver: line 1 for every fill, the pharmacy NPI only under qualifier 01', async () => {
    const { report } = await landAndJudge(
      'pharmacy_claims',
      'pde.csv',
      delimited(CCW_PDE_HEADERS, [pdeRow(), pdeRow({ PDE_ID: '-10000000000102', SRVC_PRVDR_ID_QLFYR_CD: '07', SRVC_PRVDR_ID: '0512345' })], '|'),
    );
    expect(report.layout?.id).toBe('cms-ccw-pde');
    expect(report.rows).toMatchObject({ input: 2, silver: 1, quarantined: 1 });
    expect(failures(report)).toEqual([['required.missing', 'dispensing_provider_npi', 1]]);
    const silver = await world.catalog.query(
      `SELECT claim_id, claim_line_number, dispensing_provider_npi, prescribing_provider_npi, ndc_code, dispensing_date::VARCHAR AS filled FROM ${CATALOG}.silver.claims`,
    );
    expect(silver).toEqual([
      { claim_id: '-10000000000101', claim_line_number: '1', dispensing_provider_npi: BILLING, prescribing_provider_npi: RENDERING, ndc_code: '00002323330', filled: '2024-07-12' },
    ]);
  });

  it('keeps CCLF5 lines, which carry no billing NPI or charge, instead of quarantining every one', async () => {
    const { report } = await landAndJudge(
      'professional_claims',
      'cclf5.csv',
      delimited(CCLF5_PART_B_PHYSICIAN_HEADERS, [cclf5Line(), cclf5Line({ CLM_LINE_NUM: '2', RNDRG_PRVDR_NPI_NUM: BAD_NPI })], ','),
    );
    expect(report.layout?.id).toBe('cms-cclf5-part-b-physician');
    expect(report.rows).toMatchObject({ input: 2, silver: 1, quarantined: 1 });
    expect(failures(report)).toEqual([['npi.check_digit', 'rendering_npi', 1]]);
    const rules = report.expectations.filter((e) => e.rule === 'required.missing').map((e) => e.column);
    expect(rules).not.toContain('billing_npi');
    expect(rules).not.toContain('charge_amount');
  });

  it('reads a Synthea claims file into silver with SNOMED CT diagnoses, quarantining a concept id whose check digit is wrong', async () => {
    const claim = (id: string, diagnosis: string) => ({
      Id: id, PATIENTID: 'b7e21c-1d2e-4f5a-8b9c-000000000001', PROVIDERID: '7c1f1-aaaa-4bbb-8ccc-000000000001', DIAGNOSIS1: diagnosis,
      SERVICEDATE: '2019-05-03T10:15:00Z', APPOINTMENTID: 'e11', HEALTHCARECLAIMTYPEID1: '1',
    });
    const { report } = await landAndJudge(
      'professional_claims',
      'claims.csv',
      delimited(SYNTHEA_CLAIMS_HEADERS, [claim('c-1', '195662009'), claim('c-2', '195662006')], ','),
    );
    expect(report.layout?.id).toBe('synthea-claims');
    expect(report.rows).toMatchObject({ input: 2, silver: 1, quarantined: 1 });
    expect(failures(report)).toEqual([['snomedct.format', 'diagnosis_code_1', 1]]);
    const silver = await world.catalog.query(`SELECT claim_id, claim_line_number, diagnosis_code_type, diagnosis_code_1 FROM ${CATALOG}.silver.claims`);
    expect(silver).toEqual([{ claim_id: 'c-1', claim_line_number: '1', diagnosis_code_type: 'SNOMED-CT', diagnosis_code_1: '195662009' }]);
  });

  it('does not read DE-SynPUF lines side by side in a pipeline (bronze rows map one to one onto silver): the run asks for a mapping instead', async () => {
    const claims = Array.from({ length: 12 }, (_, n) => synpufClaim({ CLM_ID: `88773337039${1000 + n}` }, [[RENDERING, '99213', '60.00', '48.00'], [RENDERING, '36415', '3.00', '2.40']]));
    const stopped = await landAndJudge('professional_claims', 'synpuf.csv', delimited(DE_SYNPUF_CARRIER_HEADERS, claims, ',')).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(MappingNeededError);
    expect((stopped as MappingNeededError).proposal.missingRequired).toContain('billing_npi');
    // Nothing past bronze: no silver table, or an empty one.
    const silver = await world.catalog
      .query(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`)
      .then((rows) => Number(rows[0]!['n']))
      .catch(() => 0);
    expect(silver).toBe(0);
  });
});
