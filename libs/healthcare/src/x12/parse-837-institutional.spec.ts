import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas';
import { parseX12 } from './parse-x12';
import { editClaims, readFixture } from './test/x12-fixtures';

const fixture = readFixture('837i-two-claims.x12');
const batch = parseX12(fixture);
const schemaColumns = canonicalSchema('institutional_claims').columns.map((column) => column.name);

describe('parseX12 on an 837I (005010X223A2)', () => {
  it('counts the claims and revenue lines of the interchange', () => {
    expect(batch).toMatchObject({ transaction: '837I', dataType: 'institutional_claims', interchangeControlNumbers: ['000000202'], claims: 2, lines: 5, findings: [] });
    expect(batch.rows.map((row) => `${row.claim_id}/${row.claim_line_number}`)).toEqual(['ICN0001/1', 'ICN0001/2', 'ICN0001/3', 'ICN0002/1', 'ICN0002/2']);
  });

  it('keys every row by exactly the canonical institutional columns, values strings or null', () => {
    expect(batch.rows).toHaveLength(5);
    for (const row of batch.rows) {
      expect(Object.keys(row)).toEqual(schemaColumns);
      for (const value of Object.values(row)) expect(value === null || typeof value === 'string').toBe(true);
    }
  });

  it('maps the inpatient claim header: bill type, statement and admission dates, CL1, attending, DRG', () => {
    expect(batch.rows[0]).toMatchObject({
      claim_type: 'institutional',
      member_id: 'MCD000111',
      patient_last_name: 'DOE',
      patient_birth_date: '1980-01-15',
      billing_npi: '1666666668',
      rendering_npi: '1777777776',
      facility_npi: null,
      bill_type_code: '111',
      claim_start_date: '2024-03-01',
      claim_end_date: '2024-03-04',
      admission_date: '2024-03-01',
      admit_type_code: '1',
      admit_source_code: '7',
      discharge_disposition_code: '01',
      discharge_date: null,
      ms_drg_code: '343',
      apr_drg_code: null,
    });
  });

  it('maps ABK/ABF diagnoses with POA flags and the BBR ICD-10-PCS procedure with its date', () => {
    expect(batch.rows[0]).toMatchObject({
      diagnosis_code_type: 'icd-10-cm',
      diagnosis_code_1: 'K35.80',
      diagnosis_poa_1: 'Y',
      diagnosis_code_2: 'E11.9',
      diagnosis_poa_2: 'N',
      diagnosis_code_3: 'I10',
      diagnosis_poa_3: 'Y',
      diagnosis_code_4: null,
      procedure_code_type: 'icd-10-pcs',
      procedure_code_1: '0DTJ4ZZ',
      procedure_date_1: '2024-03-01',
      procedure_code_2: null,
    });
  });

  it('maps SV2 revenue lines: revenue code, optional HCPCS and modifier, charge, units, DTP*472', () => {
    const lines = batch.rows.map((row) => [
      row.revenue_center_code,
      row.hcpcs_code,
      row.hcpcs_modifier_1,
      row.charge_amount,
      row.service_unit_quantity,
      row.claim_line_start_date,
    ]);
    expect(lines).toEqual([
      ['0120', null, null, '3600', '3', null],
      ['0360', '44970', null, '1200', '1', '2024-03-01'],
      ['0250', null, null, '400', '10', null],
      ['0450', '99283', null, '350', '1', '2024-03-10'],
      ['0300', '87880', 'QW', '45', '1', '2024-03-10'],
    ]);
  });

  it('maps the outpatient claim: bill type 131, 2310E service facility NPI, no procedure codes', () => {
    expect(batch.rows[3]).toMatchObject({
      claim_id: 'ICN0002',
      member_id: 'MCD000333',
      bill_type_code: '131',
      facility_npi: '1444444446',
      rendering_npi: '1987654328',
      claim_start_date: '2024-03-10',
      claim_end_date: '2024-03-10',
      procedure_code_type: null,
      procedure_code_1: null,
      ms_drg_code: null,
    });
  });

  it('accepts the X223A3 errata version and falls back to line dates without a statement period', () => {
    // The first claim keeps its admission DTP (the guide requires a DTP in 2300) but loses the statement period.
    const text = editClaims(fixture.replaceAll('005010X223A2', '005010X223A3'), (segments) => segments.filter((segment, index) => !(segment.startsWith('DTP*434') && index === segments.findIndex((s) => s.startsWith('DTP*434')))));
    const rows = parseX12(text).rows;
    expect(rows[0]).toMatchObject({ claim_start_date: '2024-03-01', claim_end_date: '2024-03-01' });
    expect(rows[3]).toMatchObject({ claim_start_date: '2024-03-10', claim_end_date: '2024-03-10' });
    expect(parseX12(text).findings).toEqual([]);
  });
});
