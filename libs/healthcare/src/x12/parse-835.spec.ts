import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas';
import { parseX12 } from './parse-x12';
import { editClaims, positionOf, readFixture } from './test/x12-fixtures';

const fixture = readFixture('835-remittance.x12');

describe('parseX12 on an 835 claim payment / advice (005010X221A1)', () => {
  const batch = parseX12(fixture);

  it('reads one remittance row per service line paid, and one per claim paid without lines', () => {
    expect(batch).toMatchObject({ transaction: '835', dataType: 'remittance', claims: 4, lines: 5, findings: [], transactionSets: { accepted: 1, rejected: 0 } });
    const columns = canonicalSchema('remittance').columns.map((column) => column.name);
    for (const row of batch.rows) expect(Object.keys(row)).toEqual(columns);
    expect(batch.rows.map((row) => [row['claim_id'], row['claim_line_number']])).toEqual([
      ['CLM-1001', '1'],
      ['CLM-1001', '2'],
      ['CLM-1002', '0'],
      ['CLM-0950', '1'],
      ['CLM-1004', '1'],
    ]);
  });

  it('repeats the payment, payer and payee on every row', () => {
    for (const row of batch.rows) {
      expect(row).toMatchObject({
        payment_trace_number: '12345', payment_date: '2024-04-16', payment_method_code: 'ACH', payment_amount: '400',
        payer: 'STATE MEDICAID', payer_identifier: '999996666', payee_name: 'CLINIC OF MEDICINE', payee_npi: '1234567893',
      });
    }
  });

  it('takes the claim payment, patient, provider and line values from CLP, NM1, SVC, DTM, REF, AMT and LQ', () => {
    expect(batch.rows[0]).toMatchObject({
      claim_id: 'CLM-1001', claim_status_code: '1', claim_charge_amount: '300', claim_paid_amount: '220', patient_responsibility_amount: '40',
      claim_filing_indicator_code: 'MC', payer_claim_control_number: 'ICN24100001', facility_type_code: '11', claim_frequency_code: '1',
      member_id: 'MCD000111', patient_last_name: 'DOE', patient_first_name: 'JANE', rendering_npi: '1245319599', claim_received_date: '2024-04-05',
      hcpcs_code: '99213', line_charge_amount: '200', line_paid_amount: '150', paid_units: '1', claim_line_start_date: '2024-04-01',
      claim_line_end_date: '2024-04-01', line_item_control_number: '1', allowed_amount: '170', adjustments: 'CO-45:30 PR-2:20', remark_codes: null,
    });
    expect(batch.rows[1]).toMatchObject({ hcpcs_code: '85025', adjustments: 'CO-45:10 PR-1:15 PR-2:5', remark_codes: 'N130', line_item_control_number: '2' });
    expect(batch.rows[4]).toMatchObject({ hcpcs_code: '99214', hcpcs_modifier_1: '25', adjustments: 'CO-45:50 PR-3:20' });
  });

  it('keeps claim-level adjustments, remarks and dates on a denied claim paid without lines', () => {
    expect(batch.rows[2]).toMatchObject({
      claim_status_code: '4', claim_paid_amount: '0', claim_adjustments: 'CO-29:180', claim_remark_codes: 'MA01', claim_start_date: '2024-03-10',
      claim_end_date: '2024-03-10', hcpcs_code: null, line_charge_amount: null, adjustments: null,
    });
  });

  it('keeps the negative amounts of a reversal', () => {
    expect(batch.rows[3]).toMatchObject({ claim_status_code: '22', claim_charge_amount: '-120', claim_paid_amount: '-100', line_paid_amount: '-100', adjustments: 'PR-1:-20' });
  });

  it('reads a revenue code and an NDC from their SVC01 qualifiers', () => {
    const text = editClaims(fixture, (segments) => segments.map((s) => s.replace('SVC*HC:85025*', 'SVC*NU:0300*').replace('SVC*HC:99212*', 'SVC*N4:00002143380*')));
    const rows = parseX12(text).rows;
    expect(rows[1]).toMatchObject({ hcpcs_code: null, revenue_center_code: '0300' });
    expect(rows[3]).toMatchObject({ hcpcs_code: null, ndc_code: '00002143380' });
  });

  it("notes a claim payment whose charge less payment is not its adjustments' sum, and still lands it", () => {
    const text = editClaims(fixture, (segments) => segments.map((s) => (s === 'CAS*CO*45*50' ? 'CAS*CO*45*60' : s)));
    const unbalanced = parseX12(text);
    expect(unbalanced).toMatchObject({ claims: 4, lines: 5, transactionSets: { accepted: 1, rejected: 0 } });
    expect(unbalanced.findings).toEqual([
      expect.objectContaining({
        severity: 'warning', code: 'payment_unbalanced', segment: 'CLP', position: positionOf(text, 'CLP*CLM-1004'),
        problem: "CLP03 less CLP04 is not the sum of the claim payment's adjustments (CAS) and its lines'",
      }),
    ]);
    expect(unbalanced.acknowledgments[0]!.groups[0]!.sets[0]).toMatchObject({ status: 'A' });
  });

  it('rejects a service payment outside a claim payment, naming the SVC and its loop', () => {
    const text = editClaims(fixture, (segments) => segments.flatMap((s) => (s === 'LX*1' ? [s, 'SVC*HC:99213*10*10**1'] : [s])));
    const at = positionOf(text, 'SVC*HC:99213*10');
    expect(() => parseX12(text)).toThrow(new RegExp(`SVC segment at position ${at}: SVC is not expected in loop 2000 \\(loop 2000\\); transaction set 0001 rejected`));
  });

  it('rejects an adjustment whose group code the guide does not list, naming CAS01', () => {
    const text = editClaims(fixture, (segments) => segments.map((s) => (s === 'CAS*CO*29*180' ? 'CAS*XX*29*180' : s)));
    expect(() => parseX12(text)).toThrow(new RegExp(`CAS segment at position ${positionOf(text, 'CAS*XX')}: CAS01 is not a code the guide allows here \\(loop 2100\\)`));
  });

  it('rejects a claim payment without its patient (NM1*QC), naming the loop', () => {
    const text = editClaims(fixture, (segments) => segments.filter((s) => !s.startsWith('NM1*QC*1*POE')));
    expect(() => parseX12(text)).toThrow(new RegExp(`NM1 segment at position ${positionOf(text, 'CLP*CLM-1004')}: NM1 is required in loop 2100`));
  });

  it('reads the base 835 guide version and its addendum alike', () => {
    for (const version of ['005010X221', '005010X221A1']) {
      expect(parseX12(fixture.replaceAll('005010X221A1', version)), version).toMatchObject({ transaction: '835', claims: 4, lines: 5, findings: [] });
    }
  });

  it('refuses an 835 group that says HC instead of HP', () => {
    expect(() => parseX12(fixture.replace('GS*HP*', 'GS*HC*'))).toThrow(/GS01 is not HP, the functional group of the version GS08 declares/);
  });
});
