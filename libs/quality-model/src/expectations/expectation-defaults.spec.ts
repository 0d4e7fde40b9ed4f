import { describe, expect, it } from 'vitest';
import { DATA_TYPES } from '@ade/contracts';
import { defaultExpectations, dimensionOf, expectationOverrideProblems } from './expectation-defaults';

describe('default expectations', () => {
  it.each(DATA_TYPES)('%s: every id is unique and every rule family maps to a dimension', (dataType) => {
    const defaults = defaultExpectations(dataType);
    expect(new Set(defaults.map((e) => e.id)).size).toBe(defaults.length);
    expect(defaults.length).toBeGreaterThan(5);
  });

  it('covers the four rule families for professional claims, with DLT-style default actions', () => {
    const byId = new Map(defaultExpectations('professional_claims').map((e) => [e.id, e]));
    expect(byId.get('npi.check_digit:billing_npi')).toMatchObject({ family: 'code_validity', dimension: 'validity', action: 'drop' });
    expect(byId.get('amounts.paid_exceeds_allowed:paid_amount')).toMatchObject({ family: 'business', dimension: 'consistency', action: 'drop' });
    expect(byId.get('business.eligibility_span:member_id')).toMatchObject({ family: 'business', action: 'drop' });
    expect(byId.get('business.timely_filing:claim_received_date')).toMatchObject({ family: 'business' });
    expect(byId.get('integrity.duplicate_line:claim_id')).toMatchObject({ family: 'integrity', dimension: 'uniqueness', action: 'drop' });
    expect(byId.get('integrity.unknown_provider:rendering_npi')).toMatchObject({ family: 'integrity', action: 'drop' });
    expect(byId.get('required.missing:member_id')).toMatchObject({ dimension: 'completeness', action: 'drop' });
    expect(byId.get('business.freshness')).toMatchObject({ family: 'freshness', action: 'warn', column: null });
    expect(byId.get('hcpcs.modifier_format:hcpcs_modifier_1')).toMatchObject({ action: 'warn' });
  });

  it('maps rules to quality dimensions', () => {
    expect(dimensionOf('required.missing', 'integrity')).toBe('completeness');
    expect(dimensionOf('integrity.duplicate_line', 'integrity')).toBe('uniqueness');
    expect(dimensionOf('dates.service_order', 'integrity')).toBe('consistency');
    expect(dimensionOf('icd10cm.format', 'code_validity')).toBe('validity');
  });
});

describe('expectationOverrideProblems', () => {
  it('accepts overrides by full id or rule id, and custom SQL over the schema columns', () => {
    expect(
      expectationOverrideProblems('professional_claims', [
        { id: 'npi.check_digit', action: 'warn' },
        { id: 'npi.check_digit:rendering_npi', enabled: false },
        { id: 'custom.paid_cap', sql: 'paid_amount < 100000' },
      ]),
    ).toEqual([]);
  });

  it('names the index and field of each problem', () => {
    expect(
      expectationOverrideProblems('professional_claims', [
        { id: 'ndc.format' },
        { id: 'npi.check_digit', sql: 'paid_amount > 0' },
        { id: 'custom.x', sql: 'ndc_code IS NOT NULL' },
      ]),
    ).toEqual([
      { index: 0, field: 'id', message: 'is not an expectation of professional_claims (and no sql was given to define one)' },
      { index: 1, field: 'id', message: "'npi.check_digit' is a built-in expectation; a custom one needs its own id" },
      { index: 2, field: 'sql', message: "reads 'ndc_code', which is not a column of the table" },
    ]);
  });
});
