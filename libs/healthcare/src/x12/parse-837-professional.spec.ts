import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas';
import { parseX12 } from './parse-x12';
import { editClaims, indexOf, readFixture } from './test/x12-fixtures';

const batch = parseX12(readFixture('837p-two-claims.x12'));
const schemaColumns = canonicalSchema('professional_claims').columns.map((column) => column.name);

describe('parseX12 on an 837P (005010X222A1)', () => {
  it('counts the claims and service lines of the interchange', () => {
    expect(batch).toMatchObject({ transaction: '837P', dataType: 'professional_claims', interchangeControlNumbers: ['000000101'], claims: 2, lines: 3, findings: [] });
    expect(batch.rows).toHaveLength(3);
  });

  it('keys every row by exactly the canonical professional columns, values strings or null', () => {
    expect(batch.rows).toHaveLength(3);
    for (const row of batch.rows) {
      expect(Object.keys(row)).toEqual(schemaColumns);
      for (const value of Object.values(row)) expect(value === null || typeof value === 'string').toBe(true);
    }
  });

  it('maps claim, subscriber, billing and 2310B rendering values onto each line of the first claim', () => {
    const [first, second] = batch.rows;
    const claimValues = {
      claim_id: 'PCN0001',
      claim_type: 'professional',
      member_id: 'MCD000111',
      patient_last_name: 'DOE',
      patient_first_name: 'JANE',
      patient_birth_date: '1980-01-15',
      patient_gender: 'F',
      payer: 'STATE MEDICAID',
      billing_npi: '1234567893',
      rendering_npi: '1987654328',
      facility_npi: null,
      diagnosis_code_type: 'icd-10-cm',
      diagnosis_code_1: 'E11.9',
      diagnosis_code_2: 'I10',
      diagnosis_code_3: 'J06.9',
      diagnosis_code_4: null,
      claim_start_date: '2024-03-01',
      claim_end_date: '2024-03-01',
      place_of_service_code: '11',
    };
    expect(first).toMatchObject({
      ...claimValues,
      claim_line_number: '1',
      hcpcs_code: '99213',
      hcpcs_modifier_1: '25',
      hcpcs_modifier_2: null,
      charge_amount: '110',
      service_unit_quantity: '1',
      claim_line_start_date: '2024-03-01',
      claim_line_end_date: '2024-03-01',
    });
    expect(second).toMatchObject({ ...claimValues, claim_line_number: '2', hcpcs_code: 'G0008', hcpcs_modifier_1: null, charge_amount: '50' });
  });

  it('takes the patient (2010CA) name and birth date but the subscriber member id, and an RD8 line range', () => {
    expect(batch.rows[2]).toMatchObject({
      claim_id: 'PCN0002',
      claim_line_number: '1',
      member_id: 'MCD000222',
      patient_last_name: 'ROE',
      patient_first_name: 'RICHIE',
      patient_birth_date: '2015-07-04',
      patient_gender: 'M',
      hcpcs_code: '97110',
      hcpcs_modifier_1: 'GP',
      service_unit_quantity: '4',
      charge_amount: '240',
      claim_line_start_date: '2024-03-04',
      claim_line_end_date: '2024-03-07',
      claim_start_date: '2024-03-04',
      claim_end_date: '2024-03-07',
      diagnosis_code_1: 'J06.9',
      diagnosis_code_2: null,
    });
  });

  it('prefers SV1-05 place of service over CLM05-1, and the 2310C facility NPI', () => {
    expect(batch.rows[2]).toMatchObject({ place_of_service_code: '22', facility_npi: '1555555550' });
  });

  it('falls back to the billing NPI as rendering NPI when no 2310B/2420A is sent (the IG omits an identical one)', () => {
    expect(batch.rows[2]?.rendering_npi).toBe('1234567893');
  });

  it('lets a 2420A line rendering provider override the claim level', () => {
    const text = editClaims(readFixture('837p-two-claims.x12'), (segments) => {
      const dtp = indexOf(segments, 'DTP*472', 2);
      return [...segments.slice(0, dtp + 1), 'NM1*82*1*LINE*LEE****XX*1777777776', ...segments.slice(dtp + 1)];
    });
    const rows = parseX12(text).rows;
    expect(rows.map((row) => row.rendering_npi)).toEqual(['1987654328', '1777777776', '1234567893']);
  });
});
