import { DATA_TYPES, type DataType } from '@ade/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../mapping/normalize-header';
import { isConstantBinding } from './canonical-schema';
import { CANONICAL_SCHEMAS, canonicalSchema, phiColumns } from './canonical-schemas';
import { CHECK_RULE_ROLES, isCheckRuleId } from './check-rule-roles';

const schemas = DATA_TYPES.map((dataType) => [dataType, canonicalSchema(dataType)] as const);

describe('CANONICAL_SCHEMAS', () => {
  it('has one schema per data type, named for it', () => {
    expect(Object.keys(CANONICAL_SCHEMAS).sort()).toEqual([...DATA_TYPES].sort());
    for (const [dataType, schema] of schemas) {
      expect(schema.dataType).toBe(dataType);
      expect(schema.table).toBe(dataType);
    }
    expect(() => canonicalSchema('claims' as DataType)).toThrow(/claims/);
  });

  it.each(schemas)('%s: snake_case column names, each once', (_, schema) => {
    const names = schema.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it.each(schemas)('%s: every name and synonym is a distinct match key', (_, schema) => {
    const owners = new Map<string, string>();
    const claim = (key: string, owner: string) => {
      expect(owners.get(key), `'${key}' claimed by ${owners.get(key)} and ${owner}`).toBeUndefined();
      owners.set(key, owner);
    };
    for (const c of schema.columns) claim(normalizeHeader(c.name), c.name);
    for (const c of schema.columns) for (const synonym of c.synonyms) claim(normalizeHeader(synonym), `${c.name} (synonym '${synonym}')`);
  });

  it.each(schemas)('%s: business key columns exist and are required', (_, schema) => {
    expect(schema.businessKey.length).toBeGreaterThan(0);
    for (const key of schema.businessKey) expect(schema.columns.find((c) => c.name === key)?.required).toBe(true);
  });

  it.each(schemas)('%s: bindings name known rules, exactly their roles, and real columns', (_, schema) => {
    const names = new Set(schema.columns.map((c) => c.name));
    const seen = new Set<string>();
    for (const binding of schema.checks) {
      expect(isCheckRuleId(binding.rule), binding.rule).toBe(true);
      const roles = CHECK_RULE_ROLES[binding.rule as keyof typeof CHECK_RULE_ROLES];
      expect(Object.keys(binding.columns).sort()).toEqual([...roles].sort());
      for (const target of Object.values(binding.columns)) {
        if (!isConstantBinding(target)) expect(names.has(target), `${binding.rule} → ${target}`).toBe(true);
      }
      const signature = JSON.stringify([binding.rule, binding.columns]);
      expect(seen.has(signature), signature).toBe(false);
      seen.add(signature);
    }
  });

  it.each(schemas)('%s: every date column gets date.format once; every amount its format, and its sign except in remittances', (_, schema) => {
    const bound = (rule: string, column: string) =>
      schema.checks.filter((b) => b.rule === rule && Object.values(b.columns).includes(column)).length;
    for (const c of schema.columns.filter((col) => col.type === 'date')) expect(bound('date.format', c.name), c.name).toBe(1);
    for (const c of schema.columns.filter((col) => col.name.endsWith('_amount'))) {
      expect(bound('amount.format', c.name), c.name).toBe(1);
      // A reversal (CLP02 22) pays back: remittance amounts are negative by design.
      expect(bound('amount.negative', c.name), c.name).toBe(schema.dataType === 'remittance' ? 0 : 1);
    }
  });

  it.each(schemas)('%s: the claim type is a constant check; the future-service check runs once per row', (_, schema) => {
    const claimType = schema.checks.filter((b) => b.rule === 'state_pack.claim_type');
    const future = schema.checks.filter((b) => b.rule === 'dates.service_in_future');
    if (schema.claimType === null) {
      expect(claimType).toEqual([]);
      expect(future).toEqual([]);
    } else {
      expect(claimType).toEqual([{ rule: 'state_pack.claim_type', columns: { claimType: `=${schema.claimType}` } }]);
      expect(future).toHaveLength(1);
    }
  });

  it('uses the Tuva input-layer names for the fields Tuva has', () => {
    const names = (dataType: DataType) => canonicalSchema(dataType).columns.map((c) => c.name);
    const medicalClaim = [
      'claim_id', 'claim_line_number', 'claim_type', 'person_id', 'member_id', 'payer', 'plan', 'claim_start_date', 'claim_end_date',
      'claim_line_start_date', 'claim_line_end_date', 'service_unit_quantity', 'hcpcs_code', 'hcpcs_modifier_1', 'hcpcs_modifier_5',
      'rendering_npi', 'billing_npi', 'facility_npi', 'paid_date', 'paid_amount', 'allowed_amount', 'charge_amount',
      'coinsurance_amount', 'copayment_amount', 'deductible_amount', 'diagnosis_code_type', 'diagnosis_code_1',
    ];
    expect(names('professional_claims')).toEqual(expect.arrayContaining([...medicalClaim, 'place_of_service_code', 'diagnosis_code_12']));
    expect(names('institutional_claims')).toEqual(
      expect.arrayContaining([
        ...medicalClaim, 'admission_date', 'discharge_date', 'admit_source_code', 'admit_type_code', 'discharge_disposition_code',
        'bill_type_code', 'ms_drg_code', 'apr_drg_code', 'revenue_center_code', 'diagnosis_code_25', 'diagnosis_poa_25',
        'procedure_code_type', 'procedure_code_25', 'procedure_date_25',
      ]),
    );
    expect(names('pharmacy_claims')).toEqual(
      expect.arrayContaining([
        'claim_id', 'claim_line_number', 'person_id', 'member_id', 'payer', 'plan', 'prescribing_provider_npi', 'dispensing_provider_npi',
        'dispensing_date', 'ndc_code', 'quantity', 'days_supply', 'refills', 'paid_date', 'paid_amount', 'allowed_amount', 'charge_amount',
      ]),
    );
    expect(names('eligibility')).toEqual(
      expect.arrayContaining([
        'person_id', 'member_id', 'subscriber_id', 'gender', 'race', 'birth_date', 'death_date', 'enrollment_start_date',
        'enrollment_end_date', 'payer', 'payer_type', 'plan', 'dual_status_code', 'medicare_status_code', 'first_name', 'last_name',
        'social_security_number', 'subscriber_relation', 'address', 'city', 'state', 'zip_code', 'phone',
      ]),
    );
  });
});

describe('phiColumns', () => {
  it('covers the patient identifiers of every claim type', () => {
    for (const dataType of ['professional_claims', 'institutional_claims', 'pharmacy_claims'] as const) {
      expect(phiColumns(dataType)).toEqual(
        expect.arrayContaining(['claim_id', 'member_id', 'person_id', 'patient_first_name', 'patient_last_name', 'patient_birth_date', 'claim_received_date', 'paid_date']),
      );
    }
    expect(phiColumns('professional_claims')).toEqual(expect.arrayContaining(['claim_line_start_date', 'claim_line_end_date']));
    expect(phiColumns('pharmacy_claims')).toEqual(expect.arrayContaining(['mbi', 'prescription_number', 'dispensing_date']));
  });

  it('covers names, ids, dates, address and contact of an eligibility record', () => {
    expect(phiColumns('eligibility').sort()).toEqual(
      [
        'person_id', 'member_id', 'mbi', 'subscriber_id', 'enrollment_start_date', 'enrollment_end_date', 'first_name', 'last_name',
        'birth_date', 'death_date', 'social_security_number', 'address', 'city', 'zip_code', 'phone',
      ].sort(),
    );
  });

  it('leaves out what identifies no patient: providers, codes, amounts, state, gender', () => {
    expect(phiColumns('providers')).toEqual([]);
    const professional = phiColumns('professional_claims');
    for (const name of ['billing_npi', 'rendering_npi', 'diagnosis_code_1', 'hcpcs_code', 'paid_amount', 'medicaid_state', 'patient_gender', 'claim_line_number']) {
      expect(professional).not.toContain(name);
    }
  });
});
