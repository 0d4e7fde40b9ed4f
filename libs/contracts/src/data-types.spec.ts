import { describe, expect, it } from 'vitest';
import { DATA_TYPES, MEDALLION_SCHEMAS, ROLES, RUN_STATUSES, SOURCE_FORMATS, TABULAR_FORMATS, X12_DATA_TYPES } from './data-types';

describe('data types and formats', () => {
  it('lists the data types a pipeline can carry', () => {
    expect(DATA_TYPES).toEqual(['professional_claims', 'institutional_claims', 'pharmacy_claims', 'providers', 'eligibility', 'remittance']);
  });

  it('reads csv, ndjson and parquet directly and X12 through the worker', () => {
    expect(TABULAR_FORMATS).toEqual(['csv', 'ndjson', 'parquet']);
    expect(SOURCE_FORMATS).toEqual(['csv', 'ndjson', 'parquet', 'x12']);
  });

  it('carries only claims in X12 837 (P and I), each a known data type', () => {
    expect(X12_DATA_TYPES).toEqual(['professional_claims', 'institutional_claims', 'eligibility', 'remittance']);
    for (const type of X12_DATA_TYPES) expect(DATA_TYPES).toContain(type);
  });

  it('keeps the stored names of schemas, run statuses and roles', () => {
    expect(MEDALLION_SCHEMAS).toEqual(['bronze', 'silver', 'gold']);
    expect(RUN_STATUSES).toEqual(['queued', 'running', 'succeeded', 'failed']);
    expect(ROLES).toEqual(['platform_operator', 'tenant_admin', 'tenant_viewer']);
  });
});
