import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CCLF5_PART_B_PHYSICIAN_HEADERS, CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS, CCW_CARRIER_HEADERS, CCW_INPATIENT_HEADERS, CCW_PDE_HEADERS, DE_SYNPUF_CARRIER_HEADERS, DE_SYNPUF_OUTPATIENT_HEADERS, SYNTHEA_CLAIMS_HEADERS, TUVA_MEDICAL_CLAIM_HEADERS } from '@ade/synthetic';
import type { QualitySettings } from '@ade/contracts';
import { releaseQuarantined, runQualityStage } from '../src';
import { BAD_NPI, BILLING, carrierLine, cclf5Line, cclf8Row, delimited, inpatientLine, pdeRow, RENDERING, synpufClaim, synpufOutpatientClaim, tuvaInstitutionalLine, tuvaProfessionalLine } from './public-layout-files';
import { AS_OF, CATALOG, landInBronze, openQualityWorld, type QualityWorld } from './quality-stage.fixtures';

describe('quality stage on files in public layouts', () => {
  let world: QualityWorld;
  beforeEach(async () => {
    world = await openQualityWorld('quality-stage-layouts');
  });
  afterEach(() => world.cleanup());

  async function landAndJudge(dataType: 'professional_claims' | 'institutional_claims' | 'pharmacy_claims' | 'eligibility', name: string, content: string) {
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

  it('restores the dot of a dotless ICD-10-CM code but leaves an ICD-9-CM E or V code of the same shape as it is', async () => {
    const icd9 = { CLM_FROM_DT: '03-MAR-2014', CLM_THRU_DT: '03-MAR-2014', LINE_1ST_EXPNS_DT: '03-MAR-2014', LINE_LAST_EXPNS_DT: '03-MAR-2014', PRNCPAL_DGNS_VRSN_CD: '9', ICD_DGNS_VRSN_CD1: '9', ICD_DGNS_VRSN_CD2: '9', LINE_ICD_DGNS_VRSN_CD: '9' };
    const { report } = await landAndJudge(
      'professional_claims',
      'carrier.csv',
      delimited(CCW_CARRIER_HEADERS, [carrierLine(), carrierLine({ CLM_ID: '-10000930037922', ...icd9, ICD_DGNS_CD1: 'E8497', ICD_DGNS_CD2: 'V5869', LINE_ICD_DGNS_CD: '4019' })], '|'),
    );
    expect(failures(report)).toEqual([]);
    expect(report.rows).toMatchObject({ input: 2, silver: 2, quarantined: 0 });
    const silver = await world.catalog.query(`SELECT claim_id, diagnosis_code_1, diagnosis_code_2, _repairs FROM ${CATALOG}.silver.claims ORDER BY claim_id`);
    expect(silver).toEqual([
      { claim_id: '-10000930037921', diagnosis_code_1: 'E11.9', diagnosis_code_2: 'I10', _repairs: expect.stringContaining('"diagnosis_code_1":{"from":"E119"') },
      { claim_id: '-10000930037922', diagnosis_code_1: 'E8497', diagnosis_code_2: 'V5869', _repairs: expect.not.stringContaining('diagnosis_code') },
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

  it('reads each DE-SynPUF claim as its lines into silver, quarantines the bad line alone and releases it by its line', async () => {
    const content = delimited(DE_SYNPUF_CARRIER_HEADERS, [
      synpufClaim({}, [[RENDERING, '99213', '60.00', '48.00'], [RENDERING, '36415', '3.00', '2.40'], [BAD_NPI, '80053', '15.00', '12.00']]),
      // Lines 2 to 12 blank are no lines at all; a claim with none filled is read as its first.
      synpufClaim({ CLM_ID: '887733370393391' }, [[RENDERING, '99212', '40.00', '32.00'], ...Array.from({ length: 11 }, (): [string, string, string, string] => ['', '', '', '']), [RENDERING, '97110', '20.00', '16.00']]),
      synpufClaim({ CLM_ID: '887733370393392' }, []),
    ], ',');
    const path = join(world.dir, 'synpuf.csv');
    await writeFile(path, content);
    const runId = randomUUID();
    await landInBronze(world.catalog, path, 'synpuf.csv', 'claims', runId);
    const judge = (settings: QualitySettings = { expectations: [] }) =>
      runQualityStage(world.catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'claims', runId, settings, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });
    const { report } = (await judge())!;
    expect(report.layout?.id).toBe('cms-de-synpuf-carrier');
    expect(report.rows).toMatchObject({ input: 6, silver: 4, quarantined: 2 });
    expect(failures(report)).toEqual([['npi.check_digit', 'rendering_npi', 1], ['required.missing', 'hcpcs_code', 1]]);
    const lines = `SELECT claim_id, claim_line_number, _bronze_rowid AS row, _bronze_line AS line, rendering_npi, hcpcs_code, paid_amount::VARCHAR AS paid, diagnosis_code_1, diagnosis_code_type`;
    const silver = await world.catalog.query(`${lines} FROM ${CATALOG}.silver.claims ORDER BY claim_id, line`);
    expect(silver).toEqual([
      { claim_id: '887733370393390', claim_line_number: '1', row: '0', line: '1', rendering_npi: RENDERING, hcpcs_code: '99213', paid: '48.00', diagnosis_code_1: '4019', diagnosis_code_type: 'ICD-9-CM' },
      { claim_id: '887733370393390', claim_line_number: '2', row: '0', line: '2', rendering_npi: RENDERING, hcpcs_code: '36415', paid: '2.40', diagnosis_code_1: '4019', diagnosis_code_type: 'ICD-9-CM' },
      { claim_id: '887733370393391', claim_line_number: '1', row: '1', line: '1', rendering_npi: RENDERING, hcpcs_code: '99212', paid: '32.00', diagnosis_code_1: '4019', diagnosis_code_type: 'ICD-9-CM' },
      { claim_id: '887733370393391', claim_line_number: '13', row: '1', line: '13', rendering_npi: RENDERING, hcpcs_code: '97110', paid: '16.00', diagnosis_code_1: '4019', diagnosis_code_type: 'ICD-9-CM' },
    ]);
    const quarantined = () => world.catalog.query(`SELECT claim_id, claim_line_number, _bronze_line AS line, _rule_ids AS rules, _release_id IS NOT NULL AS released FROM ${CATALOG}.silver.claims_quarantine ORDER BY claim_id`);
    expect(await quarantined()).toEqual([
      { claim_id: '887733370393390', claim_line_number: '3', line: '3', rules: ['npi.check_digit:rendering_npi'], released: false },
      { claim_id: '887733370393392', claim_line_number: '1', line: '1', rules: ['required.missing:hcpcs_code'], released: false },
    ]);

    // Judging the run again changes nothing: each line is one row in silver or the quarantine.
    await judge();
    expect(await world.catalog.query(`SELECT count(*) AS n FROM ${CATALOG}.silver.claims`)).toEqual([{ n: '4' }]);
    expect(await quarantined()).toHaveLength(2);

    // Released by its line: the bad NPI warned about now, line 3 joins silver; the other stays.
    const settings: QualitySettings = { expectations: [{ id: 'npi.check_digit', action: 'warn' }] };
    const release = await releaseQuarantined(world.catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'claims', releaseId: randomUUID(), filter: {}, settings, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });
    expect(release.released).toBe(1);
    expect((await quarantined()).map((row) => [row['claim_line_number'], row['released']])).toEqual([['3', true], ['1', false]]);
    expect(await world.catalog.query(`SELECT claim_line_number, _bronze_line AS line FROM ${CATALOG}.silver.claims WHERE claim_id = '887733370393390' ORDER BY line`)).toEqual([
      { claim_line_number: '1', line: '1' },
      { claim_line_number: '2', line: '2' },
      { claim_line_number: '3', line: '3' },
    ]);
  });

  it('reads CCLF8 beneficiaries into eligibility silver as Medicare fee-for-service spans', async () => {
    const { report } = await landAndJudge(
      'eligibility',
      'cclf8.csv',
      delimited(CCLF8_BENEFICIARY_DEMOGRAPHICS_HEADERS, [cclf8Row(), cclf8Row({ BENE_MBI_ID: '2EG4TE5MK74', GEO_ZIP4_CD: '', GEO_USPS_STATE_CD: 'XX' })], ','),
    );
    expect(report.layout?.id).toBe('cms-cclf8-beneficiary-demographics');
    expect(report.rows).toMatchObject({ input: 2, silver: 1, quarantined: 1 });
    expect(failures(report)).toEqual([['state.unknown', 'state', 1]]);
    const silver = await world.catalog.query(
      `SELECT member_id, payer, payer_type, plan, enrollment_start_date::VARCHAR AS since, birth_date::VARCHAR AS born, state, zip_code FROM ${CATALOG}.silver.claims`,
    );
    expect(silver).toEqual([{ member_id: '1EG4TE5MK73', payer: 'Medicare', payer_type: 'medicare', plan: 'Medicare fee-for-service', since: '2015-04-01', born: '1950-04-12', state: 'MD', zip_code: '212011234' }]);
  });

  it('reads DE-SynPUF outpatient claims as their HCPCS lines into silver, the claim payment counted once', async () => {
    const { report } = await landAndJudge(
      'institutional_claims',
      'synpuf-outpatient.csv',
      delimited(DE_SYNPUF_OUTPATIENT_HEADERS, [synpufOutpatientClaim({}, ['99213', '36415', '80053']), synpufOutpatientClaim({ CLM_ID: '542192281063887' }, ['9921'])], ','),
    );
    expect(report.layout?.id).toBe('cms-de-synpuf-outpatient');
    expect(report.rows).toMatchObject({ input: 4, silver: 3, quarantined: 1 });
    expect(failures(report)).toEqual([['procedure.format', 'hcpcs_code', 1]]);
    const silver = await world.catalog.query(
      `SELECT claim_line_number AS line, hcpcs_code, paid_amount::VARCHAR AS paid, coinsurance_amount::VARCHAR AS coinsurance, diagnosis_code_2 FROM ${CATALOG}.silver.claims ORDER BY line`,
    );
    expect(silver).toEqual([
      { line: '1', hcpcs_code: '99213', paid: '50.00', coinsurance: '10.00', diagnosis_code_2: 'E8497' },
      { line: '2', hcpcs_code: '36415', paid: null, coinsurance: null, diagnosis_code_2: 'E8497' },
      { line: '3', hcpcs_code: '80053', paid: null, coinsurance: null, diagnosis_code_2: 'E8497' },
    ]);
  });

  it('judges in each claim-form pipeline only its own lines of a mixed medical-claim file, and quarantines a line of no known claim type', async () => {
    const content = delimited(TUVA_MEDICAL_CLAIM_HEADERS, [
      tuvaProfessionalLine(),
      tuvaInstitutionalLine(),
      tuvaInstitutionalLine({ claim_line_number: '2', revenue_center_code: '0250' }),
      tuvaProfessionalLine({ claim_id: 'D1', claim_type: 'dental' }),
    ], ',');
    const path = join(world.dir, 'medical_claim.csv');
    await writeFile(path, content);
    const judge = async (dataType: 'professional_claims' | 'institutional_claims', table: string) => {
      const runId = randomUUID();
      await landInBronze(world.catalog, path, 'medical_claim.csv', table, runId);
      return (await runQualityStage(world.catalog, { dataType, catalog: CATALOG, table, runId, settings: { expectations: [] }, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir }))!.report;
    };

    const professional = await judge('professional_claims', 'professional');
    expect(professional.layout?.id).toBe('tuva-medical-claim');
    expect(professional.routed).toEqual([{ claimType: 'institutional', dataType: 'institutional_claims', lines: 2 }]);
    expect(professional.rows).toMatchObject({ input: 2, silver: 1, quarantined: 1 });
    expect(failures(professional)).toEqual([['routing.claim_type', 'claim_type', 1]]);
    expect(await world.catalog.query(`SELECT claim_id FROM ${CATALOG}.silver.professional`)).toEqual([{ claim_id: 'P1' }]);
    expect(await world.catalog.query(`SELECT claim_id, _rule_ids AS rules, _layout AS layout FROM ${CATALOG}.silver.professional_quarantine`)).toEqual([
      { claim_id: 'D1', rules: ['routing.claim_type:claim_type'], layout: 'tuva-medical-claim' },
    ]);

    const institutional = await judge('institutional_claims', 'institutional');
    expect(institutional.routed).toEqual([{ claimType: 'professional', dataType: 'professional_claims', lines: 1 }]);
    expect(institutional.rows).toMatchObject({ input: 3, silver: 2, quarantined: 1 });
    expect(await world.catalog.query(`SELECT claim_id, claim_line_number AS line FROM ${CATALOG}.silver.institutional ORDER BY line`)).toEqual([
      { claim_id: 'I1', line: '1' },
      { claim_id: 'I1', line: '2' },
    ]);

    // A release judges the dental line as a line of a mixed file still: it has no claim form.
    const release = await releaseQuarantined(world.catalog, { dataType: 'professional_claims', catalog: CATALOG, table: 'professional', releaseId: randomUUID(), filter: {}, settings: { expectations: [] }, asOf: AS_OF, referenceCacheDir: world.referenceCacheDir });
    expect(release.released).toBe(0);
  });
});
