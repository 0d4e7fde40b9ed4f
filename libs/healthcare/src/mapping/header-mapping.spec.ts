import { PROFESSIONAL_CLAIM_COLUMNS } from '@ade/synthetic';
import { describe, expect, it } from 'vitest';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { mapHeaders } from './header-mapping';
import { normalizeHeader } from './normalize-header';

const professional = canonicalSchema('professional_claims');
const canonicalOf = (headers: readonly string[], dataType = professional) =>
  Object.fromEntries(mapHeaders(headers, dataType).mapped.map((m) => [m.source, m.canonical]));

describe('normalizeHeader', () => {
  it.each(['Billing Provider NPI', 'billing-provider-npi', 'billing_provider_npi', 'BillingProviderNPI', ' billing.provider.npi ', '\uFEFFBILLING  PROVIDER  NPI'])(
    'reduces %j to one key',
    (header) => expect(normalizeHeader(header)).toBe('billingprovidernpi'),
  );

  it('drops accents and symbols', () => {
    expect(normalizeHeader('Résumé #')).toBe('resume');
    expect(normalizeHeader('Dx #1')).toBe('dx1');
  });
});

describe('mapHeaders', () => {
  it("maps every column of the synthetic generator onto professional_claims, leaving nothing out", () => {
    const mapping = mapHeaders(PROFESSIONAL_CLAIM_COLUMNS, professional);
    expect(mapping.unmapped).toEqual([]);
    expect(mapping.duplicates).toEqual([]);
    expect(mapping.missingRequired).toEqual([]);
    expect(mapping.mapped.map((m) => m.source)).toEqual([...PROFESSIONAL_CLAIM_COLUMNS]);
    const bySynonym = mapping.mapped.filter((m) => m.by === 'synonym').map((m) => [m.source, m.canonical]);
    expect(bySynonym).toEqual([
      ['units', 'service_unit_quantity'],
      ['state', 'medicaid_state'],
    ]);
  });

  it('maps a messy real-world professional header set', () => {
    const headers = [
      '\uFEFFClaim Number',
      'Line #',
      'Medicaid ID',
      'Patient First Name',
      'Patient Last Name',
      'DOB',
      'Sex',
      'BillingProviderNPI',
      'Rendering-Provider-NPI',
      'Primary Dx',
      'DX_2',
      'dx code 3',
      'CPT/HCPCS',
      'Modifier',
      'Mod 2',
      'Service From Date',
      'Service To Date',
      'Claim Thru Date',
      'Received Date',
      'POS',
      'Units of Service',
      'Billed Amount',
      'Allowed Amt',
      'Paid Amt',
      'State',
      'Payer Name',
      'LOB',
      'Adjuster Notes',
      '',
    ];
    const mapping = mapHeaders(headers, professional);
    expect(canonicalOf(headers)).toEqual({
      '\uFEFFClaim Number': 'claim_id',
      'Line #': 'claim_line_number',
      'Medicaid ID': 'member_id',
      'Patient First Name': 'patient_first_name',
      'Patient Last Name': 'patient_last_name',
      DOB: 'patient_birth_date',
      Sex: 'patient_gender',
      BillingProviderNPI: 'billing_npi',
      'Rendering-Provider-NPI': 'rendering_npi',
      'Primary Dx': 'diagnosis_code_1',
      DX_2: 'diagnosis_code_2',
      'dx code 3': 'diagnosis_code_3',
      'CPT/HCPCS': 'hcpcs_code',
      Modifier: 'hcpcs_modifier_1',
      'Mod 2': 'hcpcs_modifier_2',
      'Service From Date': 'claim_line_start_date',
      'Service To Date': 'claim_line_end_date',
      'Claim Thru Date': 'claim_end_date',
      'Received Date': 'claim_received_date',
      POS: 'place_of_service_code',
      'Units of Service': 'service_unit_quantity',
      'Billed Amount': 'charge_amount',
      'Allowed Amt': 'allowed_amount',
      'Paid Amt': 'paid_amount',
      State: 'medicaid_state',
      'Payer Name': 'payer',
      LOB: 'plan',
    });
    expect(mapping.unmapped).toEqual(['Adjuster Notes', '']);
    expect(mapping.duplicates).toEqual([]);
    expect(mapping.missingRequired).toEqual([]);
  });

  it('lets an exact name beat a synonym, then the first header win, and reports the rest', () => {
    const mapping = mapHeaders(['Billed', 'NPI', 'charge_amount', 'Total Charges', 'billing npi', 'BILLING_NPI'], professional);
    expect(mapping.mapped).toEqual([
      { source: 'charge_amount', canonical: 'charge_amount', by: 'name' },
      { source: 'billing npi', canonical: 'billing_npi', by: 'name' },
    ]);
    expect(mapping.duplicates).toEqual([
      { canonical: 'charge_amount', sources: ['charge_amount', 'Billed', 'Total Charges'] },
      { canonical: 'billing_npi', sources: ['billing npi', 'BILLING_NPI'] },
    ]);
    expect(mapping.unmapped).toEqual(['NPI']);
  });

  it('reports the required columns no header supplies', () => {
    const mapping = mapHeaders(['claim_id', 'paid_amount'], professional);
    expect(mapping.missingRequired).toEqual(
      professional.columns.filter((c) => c.required && c.name !== 'claim_id').map((c) => c.name),
    );
    expect(mapping.missingRequired).toContain('claim_line_number');
  });

  it('maps with the synonyms of the schema it is given', () => {
    const headers = ['NDC', 'Fill Date', 'Qty Dispensed', 'Days Supply', 'Pharmacy NPI', 'Prescriber NPI', 'Rx Number', 'Ingredient Cost'];
    expect(canonicalOf(headers, canonicalSchema('pharmacy_claims'))).toEqual({
      NDC: 'ndc_code',
      'Fill Date': 'dispensing_date',
      'Qty Dispensed': 'quantity',
      'Days Supply': 'days_supply',
      'Pharmacy NPI': 'dispensing_provider_npi',
      'Prescriber NPI': 'prescribing_provider_npi',
      'Rx Number': 'prescription_number',
      'Ingredient Cost': 'ingredient_cost_amount',
    });
    const institutional = ['TOB', 'Rev Code', 'Admit Date', 'Discharge Date', 'Attending NPI', 'Principal Procedure Code', 'ICD Procedure Code 2', 'DRG'];
    expect(canonicalOf(institutional, canonicalSchema('institutional_claims'))).toEqual({
      TOB: 'bill_type_code',
      'Rev Code': 'revenue_center_code',
      'Admit Date': 'admission_date',
      'Discharge Date': 'discharge_date',
      'Attending NPI': 'rendering_npi',
      'Principal Procedure Code': 'procedure_code_1',
      'ICD Procedure Code 2': 'procedure_code_2',
      DRG: 'ms_drg_code',
    });
    const eligibility = ['Member ID', 'MBI', 'Eff Date', 'Term Date', 'Date of Birth', 'Gender', 'Zip', 'State', 'Plan', 'Payer'];
    const mapping = mapHeaders(eligibility, canonicalSchema('eligibility'));
    expect(mapping.unmapped).toEqual([]);
    expect(mapping.missingRequired).toEqual([]);
  });
});
