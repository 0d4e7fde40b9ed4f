import { describe, expect, it } from 'vitest';
import type { DataType } from '@ade/contracts';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { probesFor } from './value-probes';

describe('probesFor', () => {
  it.each([
    ['professional_claims', 'billing_npi', ['npi']],
    ['professional_claims', 'diagnosis_code_1', ['icd10cm', 'icd9cm']],
    ['professional_claims', 'hcpcs_code', ['procedure']],
    ['professional_claims', 'hcpcs_modifier_1', ['modifier']],
    ['professional_claims', 'place_of_service_code', ['place_of_service']],
    ['professional_claims', 'claim_line_start_date', ['date']],
    ['professional_claims', 'charge_amount', ['amount']],
    ['professional_claims', 'diagnosis_code_type', ['code_type']],
    ['professional_claims', 'service_unit_quantity', ['amount']],
    ['professional_claims', 'claim_id', []],
    ['professional_claims', 'member_id', []],
    ['institutional_claims', 'procedure_code_1', ['icd10pcs']],
    ['pharmacy_claims', 'ndc_code', ['ndc']],
    ['pharmacy_claims', 'mbi', ['mbi']],
    ['providers', 'primary_taxonomy_code', ['taxonomy']],
    ['eligibility', 'state', ['state']],
    ['eligibility', 'zip_code', ['zip']],
  ] as Array<[DataType, string, string[]]>)('profiles %s.%s by %j', (type, name, probes) => {
    const schema = canonicalSchema(type);
    expect(probesFor(schema.columns.find((column) => column.name === name)!, schema)).toEqual(probes);
  });
});
