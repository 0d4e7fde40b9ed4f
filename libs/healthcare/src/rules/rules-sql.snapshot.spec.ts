import { describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { RULES, ruleById } from './catalog';
import type { SqlRenderContext } from './rule';
import { testPack } from './test/test-packs';

/**
 * The SQL each rule renders, so that a change to generated SQL shows up in review. Inputs are
 * quoted columns of a `claims` table, reference tables live in `ref`, and WHEN/ELSE/END start new lines
 * here for reading (the engine gets one line).
 */
const CONTEXT: SqlRenderContext = {
  dialect: duckdbExpressions,
  asOf: '2026-03-15',
  statePack: testPack({ medicaidMemberIdPattern: '^[A-Z]{2}[0-9]{8}$', timelyFilingDays: 365, allowedClaimTypes: ['professional', 'institutional'] }),
  ref: (table) => `ref.${table}`,
};

function rendered(id: string): string {
  const rule = ruleById(id);
  const inputs = Object.fromEntries(rule.roles.map((role) => [role, `claims."${role.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`]));
  return `\n${rule.sql(inputs, CONTEXT).replace(/ (WHEN|ELSE|END)\b/g, '\n$1')}\n`;
}

const SNAPSHOTTED = [
  'npi.format',
  'npi.check_digit',
  'icd10cm.format',
  'icd10cm.header_code',
  'icd10cm.not_valid_on_date',
  'icd9cm.format',
  'snomedct.format',
  'icd10pcs.format',
  'procedure.format',
  'cpt.format',
  'hcpcs.format',
  'hcpcs.not_in_code_set',
  'hcpcs.modifier_format',
  'ndc.format',
  'mbi.format',
  'medicaid_id.format',
  'taxonomy.format',
  'taxonomy.not_in_code_set',
  'place_of_service.unknown',
  'state.unknown',
  'zip.format',
  'date.format',
  'dates.service_order',
  'dates.service_in_future',
  'dates.received_before_service',
  'business.timely_filing',
  'amount.format',
  'amount.negative',
  'amounts.paid_exceeds_allowed',
  'amounts.allowed_exceeds_billed',
  'amounts.paid_exceeds_billed',
  'remittance.claim_status',
  'remittance.adjustment_format',
  'remittance.remark_format',
  'remittance.line_balance',
  'state_pack.claim_type',
  'required.missing',
];

describe('rendered SQL', () => {
  it('covers every rule in this file', () => {
    expect(RULES.map((rule) => rule.id)).toEqual(SNAPSHOTTED);
  });

  it('npi.format', () => {
    expect(rendered('npi.format')).toMatchInlineSnapshot(`
      "
      claims."npi" IS NULL OR regexp_full_match(claims."npi", '[12][0-9]{9}')
      "
    `);
  });

  it('npi.check_digit', () => {
    expect(rendered('npi.check_digit')).toMatchInlineSnapshot(`
      "
      claims."npi" IS NULL OR (NOT regexp_full_match(claims."npi", '[12][0-9]{9}') OR ((24 + (2 * ((TRY_CAST(claims."npi" AS BIGINT) // 1000000000) % 10) - 9 * (((TRY_CAST(claims."npi" AS BIGINT) // 1000000000) % 10) // 5)) + ((TRY_CAST(claims."npi" AS BIGINT) // 100000000) % 10) + (2 * ((TRY_CAST(claims."npi" AS BIGINT) // 10000000) % 10) - 9 * (((TRY_CAST(claims."npi" AS BIGINT) // 10000000) % 10) // 5)) + ((TRY_CAST(claims."npi" AS BIGINT) // 1000000) % 10) + (2 * ((TRY_CAST(claims."npi" AS BIGINT) // 100000) % 10) - 9 * (((TRY_CAST(claims."npi" AS BIGINT) // 100000) % 10) // 5)) + ((TRY_CAST(claims."npi" AS BIGINT) // 10000) % 10) + (2 * ((TRY_CAST(claims."npi" AS BIGINT) // 1000) % 10) - 9 * (((TRY_CAST(claims."npi" AS BIGINT) // 1000) % 10) // 5)) + ((TRY_CAST(claims."npi" AS BIGINT) // 100) % 10) + (2 * ((TRY_CAST(claims."npi" AS BIGINT) // 10) % 10) - 9 * (((TRY_CAST(claims."npi" AS BIGINT) // 10) % 10) // 5)) + ((TRY_CAST(claims."npi" AS BIGINT) // 1) % 10)) % 10 = 0))
      "
    `);
  });

  it('icd10cm.format', () => {
    expect(rendered('icd10cm.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT (NOT (CASE
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['9', 'icd9', 'icd-9', 'icd 9', 'icd9cm', 'icd9-cm', 'icd-9-cm', 'icd 9 cm'], lower(trim(claims."code_type"))), false) THEN true
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['0', '10', 'icd10', 'icd-10', 'icd 10', 'icd10cm', 'icd10-cm', 'icd-10-cm', 'icd 10 cm', 'snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) THEN false
      ELSE coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE) < DATE '2015-10-01', false)
      END) AND NOT coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false)) OR regexp_full_match(claims."code", '[A-Z][0-9A-Z]{2}(\\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2,6}'))
      "
    `);
  });

  it('icd10cm.header_code', () => {
    expect(rendered('icd10cm.header_code')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT (NOT (CASE
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['9', 'icd9', 'icd-9', 'icd 9', 'icd9cm', 'icd9-cm', 'icd-9-cm', 'icd 9 cm'], lower(trim(claims."code_type"))), false) THEN true
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['0', '10', 'icd10', 'icd-10', 'icd 10', 'icd10cm', 'icd10-cm', 'icd-10-cm', 'icd 10 cm', 'snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) THEN false
      ELSE coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE) < DATE '2015-10-01', false)
      END) AND NOT coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) AND regexp_full_match(claims."code", '[A-Z][0-9A-Z]{2}(\\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2,6}')) OR (NOT EXISTS (SELECT 1 FROM ref.icd10cm_headers AS ref_interval(ref_code, ref_from, ref_to) WHERE ref_code = replace(claims."code", '.', '') AND coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE), DATE '9999-12-31') BETWEEN ref_from AND ref_to)))
      "
    `);
  });

  it('icd10cm.not_valid_on_date', () => {
    expect(rendered('icd10cm.not_valid_on_date')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT (NOT (CASE
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['9', 'icd9', 'icd-9', 'icd 9', 'icd9cm', 'icd9-cm', 'icd-9-cm', 'icd 9 cm'], lower(trim(claims."code_type"))), false) THEN true
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['0', '10', 'icd10', 'icd-10', 'icd 10', 'icd10cm', 'icd10-cm', 'icd-10-cm', 'icd 10 cm', 'snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) THEN false
      ELSE coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE) < DATE '2015-10-01', false)
      END) AND NOT coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) AND regexp_full_match(claims."code", '[A-Z][0-9A-Z]{2}(\\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2,6}')) OR EXISTS (SELECT 1 FROM (SELECT code, valid_from, valid_to FROM ref.icd10cm_validity UNION ALL SELECT code, valid_from, valid_to FROM ref.icd10cm_headers) AS ref_interval(ref_code, ref_from, ref_to) WHERE ref_code = replace(claims."code", '.', '') AND coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE), DATE '9999-12-31') BETWEEN ref_from AND ref_to))
      "
    `);
  });

  it('icd9cm.format', () => {
    expect(rendered('icd9cm.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT ((CASE
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['9', 'icd9', 'icd-9', 'icd 9', 'icd9cm', 'icd9-cm', 'icd-9-cm', 'icd 9 cm'], lower(trim(claims."code_type"))), false) THEN true
      WHEN coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['0', '10', 'icd10', 'icd-10', 'icd 10', 'icd10cm', 'icd10-cm', 'icd-10-cm', 'icd 10 cm', 'snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) THEN false
      ELSE coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_date"
      WHEN regexp_full_match(claims."service_date", '[0-9]{8}') THEN regexp_replace(claims."service_date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_date", 8, 4) || '-' || (CASE upper(substr(claims."service_date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_date", 1, 2)
      WHEN regexp_full_match(claims."service_date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_date", 1, 10)
      END AS DATE) < DATE '2015-10-01', false)
      END)) OR regexp_full_match(claims."code", '[0-9]{3}(\\.[0-9]{1,2})?|[0-9]{3,5}|V[0-9]{2}(\\.[0-9]{1,2})?|V[0-9]{2,4}|E[0-9]{3}(\\.[0-9])?|E[0-9]{3,4}'))
      "
    `);
  });

  it('snomedct.format', () => {
    expect(rendered('snomedct.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT coalesce(strlen(claims."code_type") = length(claims."code_type") AND list_contains(['snomed', 'snomedct', 'snomed ct', 'snomed-ct', 'sct', 'http://snomed.info/sct'], lower(trim(claims."code_type"))), false) OR (CASE
      WHEN regexp_full_match(claims."code", '[1-9][0-9]{5,17}') AND substr(claims."code", length(claims."code") - 2, 2) IN ('00', '10') THEN list_reduce(list_transform(string_split(reverse(claims."code"), ''), lambda ch: CAST(ch AS INTEGER)), lambda acc, digit, position: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]][acc + 1][[[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]][(position - 1) % 8 + 1][digit + 1] + 1], 0) = 0
      ELSE false
      END))
      "
    `);
  });

  it('icd10pcs.format', () => {
    expect(rendered('icd10pcs.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR regexp_full_match(claims."code", '[0-9A-HJ-NP-Z]{7}')
      "
    `);
  });

  it('procedure.format', () => {
    expect(rendered('procedure.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (CASE
      WHEN coalesce(trim(claims."revenue_code") IN ('0022', '0023', '0024'), false) THEN regexp_full_match(claims."code", '[A-Z0-9]{5}')
      ELSE regexp_full_match(claims."code", '[0-9]{5}|[0-9]{4}[FT]|[A-V][0-9]{4}')
      END)
      "
    `);
  });

  it('cpt.format', () => {
    expect(rendered('cpt.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR regexp_full_match(claims."code", '[0-9]{5}|[0-9]{4}[FT]')
      "
    `);
  });

  it('hcpcs.format', () => {
    expect(rendered('hcpcs.format')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR regexp_full_match(claims."code", '[A-V][0-9]{4}')
      "
    `);
  });

  it('hcpcs.not_in_code_set', () => {
    expect(rendered('hcpcs.not_in_code_set')).toMatchInlineSnapshot(`
      "
      claims."code" IS NULL OR (NOT (NOT coalesce(trim(claims."revenue_code") IN ('0022', '0023', '0024'), false) AND regexp_full_match(claims."code", '[A-V][0-9]{4}')) OR (claims."code" IN (SELECT code FROM ref.hcpcs_level2)))
      "
    `);
  });

  it('hcpcs.modifier_format', () => {
    expect(rendered('hcpcs.modifier_format')).toMatchInlineSnapshot(`
      "
      claims."modifier" IS NULL OR regexp_full_match(claims."modifier", '[A-Z0-9]{2}')
      "
    `);
  });

  it('ndc.format', () => {
    expect(rendered('ndc.format')).toMatchInlineSnapshot(`
      "
      claims."ndc" IS NULL OR regexp_full_match(claims."ndc", '[0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]|[0-9]{5}-[0-9]{4}-[0-9]{2}|[0-9]{11}')
      "
    `);
  });

  it('mbi.format', () => {
    expect(rendered('mbi.format')).toMatchInlineSnapshot(`
      "
      claims."mbi" IS NULL OR regexp_full_match(claims."mbi", '[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y][0-9]{2}|[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y][0-9]{2}')
      "
    `);
  });

  it('medicaid_id.format', () => {
    expect(rendered('medicaid_id.format')).toMatchInlineSnapshot(`
      "
      claims."member_id" IS NULL OR regexp_full_match(claims."member_id", '[A-Z]{2}[0-9]{8}')
      "
    `);
  });

  it('taxonomy.format', () => {
    expect(rendered('taxonomy.format')).toMatchInlineSnapshot(`
      "
      claims."taxonomy" IS NULL OR regexp_full_match(claims."taxonomy", '[A-Z0-9]{9}X')
      "
    `);
  });

  it('taxonomy.not_in_code_set', () => {
    expect(rendered('taxonomy.not_in_code_set')).toMatchInlineSnapshot(`
      "
      claims."taxonomy" IS NULL OR (NOT regexp_full_match(claims."taxonomy", '[A-Z0-9]{9}X') OR (claims."taxonomy" IN (SELECT code FROM ref.nucc_taxonomy)))
      "
    `);
  });

  it('place_of_service.unknown', () => {
    expect(rendered('place_of_service.unknown')).toMatchInlineSnapshot(`
      "
      claims."pos" IS NULL OR (claims."pos" IN (SELECT code FROM ref.place_of_service))
      "
    `);
  });

  it('state.unknown', () => {
    expect(rendered('state.unknown')).toMatchInlineSnapshot(`
      "
      claims."state" IS NULL OR (claims."state" IN (SELECT code FROM ref.us_states))
      "
    `);
  });

  it('zip.format', () => {
    expect(rendered('zip.format')).toMatchInlineSnapshot(`
      "
      claims."zip" IS NULL OR regexp_full_match(claims."zip", '[0-9]{5}(-[0-9]{4})?|[0-9]{9}')
      "
    `);
  });

  it('date.format', () => {
    expect(rendered('date.format')).toMatchInlineSnapshot(`
      "
      claims."date" IS NULL OR (TRY_CAST(CASE
      WHEN regexp_full_match(claims."date", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."date"
      WHEN regexp_full_match(claims."date", '[0-9]{8}') THEN regexp_replace(claims."date", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."date", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."date", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."date", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."date", 8, 4) || '-' || (CASE upper(substr(claims."date", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."date", 1, 2)
      WHEN regexp_full_match(claims."date", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."date", 1, 10)
      END AS DATE) IS NOT NULL)
      "
    `);
  });

  it('dates.service_order', () => {
    expect(rendered('dates.service_order')).toMatchInlineSnapshot(`
      "
      claims."from" IS NULL OR claims."to" IS NULL OR coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."from", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."from"
      WHEN regexp_full_match(claims."from", '[0-9]{8}') THEN regexp_replace(claims."from", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."from", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."from", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."from", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."from", 8, 4) || '-' || (CASE upper(substr(claims."from", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."from", 1, 2)
      WHEN regexp_full_match(claims."from", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."from", 1, 10)
      END AS DATE) <= TRY_CAST(CASE
      WHEN regexp_full_match(claims."to", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."to"
      WHEN regexp_full_match(claims."to", '[0-9]{8}') THEN regexp_replace(claims."to", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."to", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."to", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."to", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."to", 8, 4) || '-' || (CASE upper(substr(claims."to", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."to", 1, 2)
      WHEN regexp_full_match(claims."to", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."to", 1, 10)
      END AS DATE), TRUE)
      "
    `);
  });

  it('dates.service_in_future', () => {
    expect(rendered('dates.service_in_future')).toMatchInlineSnapshot(`
      "
      claims."from" IS NULL OR (coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."from", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."from"
      WHEN regexp_full_match(claims."from", '[0-9]{8}') THEN regexp_replace(claims."from", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."from", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."from", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."from", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."from", 8, 4) || '-' || (CASE upper(substr(claims."from", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."from", 1, 2)
      WHEN regexp_full_match(claims."from", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."from", 1, 10)
      END AS DATE) <= DATE '2026-03-15', TRUE) AND coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."to", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."to"
      WHEN regexp_full_match(claims."to", '[0-9]{8}') THEN regexp_replace(claims."to", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."to", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."to", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."to", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."to", 8, 4) || '-' || (CASE upper(substr(claims."to", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."to", 1, 2)
      WHEN regexp_full_match(claims."to", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."to", 1, 10)
      END AS DATE) <= DATE '2026-03-15', TRUE))
      "
    `);
  });

  it('dates.received_before_service', () => {
    expect(rendered('dates.received_before_service')).toMatchInlineSnapshot(`
      "
      claims."received" IS NULL OR claims."service_end" IS NULL OR coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_end", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_end"
      WHEN regexp_full_match(claims."service_end", '[0-9]{8}') THEN regexp_replace(claims."service_end", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_end", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_end", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_end", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_end", 8, 4) || '-' || (CASE upper(substr(claims."service_end", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_end", 1, 2)
      WHEN regexp_full_match(claims."service_end", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_end", 1, 10)
      END AS DATE) <= TRY_CAST(CASE
      WHEN regexp_full_match(claims."received", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."received"
      WHEN regexp_full_match(claims."received", '[0-9]{8}') THEN regexp_replace(claims."received", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."received", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."received", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."received", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."received", 8, 4) || '-' || (CASE upper(substr(claims."received", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."received", 1, 2)
      WHEN regexp_full_match(claims."received", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."received", 1, 10)
      END AS DATE), TRUE)
      "
    `);
  });

  it('business.timely_filing', () => {
    expect(rendered('business.timely_filing')).toMatchInlineSnapshot(`
      "
      claims."received" IS NULL OR claims."service_end" IS NULL OR coalesce(TRY_CAST(CASE
      WHEN regexp_full_match(claims."received", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."received"
      WHEN regexp_full_match(claims."received", '[0-9]{8}') THEN regexp_replace(claims."received", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."received", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."received", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."received", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."received", 8, 4) || '-' || (CASE upper(substr(claims."received", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."received", 1, 2)
      WHEN regexp_full_match(claims."received", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."received", 1, 10)
      END AS DATE) - TRY_CAST(CASE
      WHEN regexp_full_match(claims."service_end", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN claims."service_end"
      WHEN regexp_full_match(claims."service_end", '[0-9]{8}') THEN regexp_replace(claims."service_end", '^([0-9]{4})([0-9]{2})([0-9]{2})$', '\\1-\\2-\\3')
      WHEN regexp_full_match(claims."service_end", '[0-9]{2}/[0-9]{2}/[0-9]{4}') THEN regexp_replace(claims."service_end", '^([0-9]{2})/([0-9]{2})/([0-9]{4})$', '\\3-\\1-\\2')
      WHEN regexp_full_match(claims."service_end", '[0-9]{2}-[A-Za-z]{3}-[0-9]{4}') THEN substr(claims."service_end", 8, 4) || '-' || (CASE upper(substr(claims."service_end", 4, 3))
      WHEN 'JAN' THEN '01'
      WHEN 'FEB' THEN '02'
      WHEN 'MAR' THEN '03'
      WHEN 'APR' THEN '04'
      WHEN 'MAY' THEN '05'
      WHEN 'JUN' THEN '06'
      WHEN 'JUL' THEN '07'
      WHEN 'AUG' THEN '08'
      WHEN 'SEP' THEN '09'
      WHEN 'OCT' THEN '10'
      WHEN 'NOV' THEN '11'
      WHEN 'DEC' THEN '12'
      END) || '-' || substr(claims."service_end", 1, 2)
      WHEN regexp_full_match(claims."service_end", '[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?') THEN substr(claims."service_end", 1, 10)
      END AS DATE) <= 365, TRUE)
      "
    `);
  });

  it('amount.format', () => {
    expect(rendered('amount.format')).toMatchInlineSnapshot(`
      "
      claims."amount" IS NULL OR regexp_full_match(claims."amount", '-?[0-9]+(\\.[0-9]+)?')
      "
    `);
  });

  it('amount.negative', () => {
    expect(rendered('amount.negative')).toMatchInlineSnapshot(`
      "
      claims."amount" IS NULL OR (NOT regexp_full_match(claims."amount", '-[0-9]*[1-9][0-9]*(\\.[0-9]+)?|-[0-9]+\\.[0-9]*[1-9][0-9]*'))
      "
    `);
  });

  it('amounts.paid_exceeds_allowed', () => {
    expect(rendered('amounts.paid_exceeds_allowed')).toMatchInlineSnapshot(`
      "
      claims."paid" IS NULL OR claims."allowed" IS NULL OR (NOT (regexp_full_match(claims."paid", '-?[0-9]+(\\.[0-9]+)?') AND regexp_full_match(claims."allowed", '-?[0-9]+(\\.[0-9]+)?')) OR (CASE
      WHEN regexp_full_match(claims."paid", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') AND regexp_full_match(claims."allowed", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') THEN TRY_CAST(claims."paid" AS DECIMAL(18,8)) <= TRY_CAST(claims."allowed" AS DECIMAL(18,8))
      ELSE CASE
      WHEN starts_with(claims."paid", '-') AND regexp_matches(claims."paid", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."paid", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."paid", '^-?0*([0-9]*)', 1) || regexp_extract(claims."paid", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."paid", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."paid", '^-?0*([0-9]*)', 1) || regexp_extract(claims."paid", '\\.([0-9]*?)0*$', 1)
      END <= CASE
      WHEN starts_with(claims."allowed", '-') AND regexp_matches(claims."allowed", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."allowed", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."allowed", '\\.([0-9]*?)0*$', 1)
      END
      END))
      "
    `);
  });

  it('amounts.allowed_exceeds_billed', () => {
    expect(rendered('amounts.allowed_exceeds_billed')).toMatchInlineSnapshot(`
      "
      claims."allowed" IS NULL OR claims."billed" IS NULL OR (NOT (regexp_full_match(claims."allowed", '-?[0-9]+(\\.[0-9]+)?') AND regexp_full_match(claims."billed", '-?[0-9]+(\\.[0-9]+)?')) OR (CASE
      WHEN regexp_full_match(claims."allowed", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') AND regexp_full_match(claims."billed", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') THEN TRY_CAST(claims."allowed" AS DECIMAL(18,8)) <= TRY_CAST(claims."billed" AS DECIMAL(18,8))
      ELSE CASE
      WHEN starts_with(claims."allowed", '-') AND regexp_matches(claims."allowed", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."allowed", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."allowed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."allowed", '\\.([0-9]*?)0*$', 1)
      END <= CASE
      WHEN starts_with(claims."billed", '-') AND regexp_matches(claims."billed", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."billed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."billed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."billed", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."billed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."billed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."billed", '\\.([0-9]*?)0*$', 1)
      END
      END))
      "
    `);
  });

  it('amounts.paid_exceeds_billed', () => {
    expect(rendered('amounts.paid_exceeds_billed')).toMatchInlineSnapshot(`
      "
      claims."paid" IS NULL OR claims."billed" IS NULL OR (NOT ((claims."allowed" IS NULL OR NOT regexp_full_match(claims."allowed", '-?[0-9]+(\\.[0-9]+)?')) AND regexp_full_match(claims."paid", '-?[0-9]+(\\.[0-9]+)?') AND regexp_full_match(claims."billed", '-?[0-9]+(\\.[0-9]+)?')) OR (CASE
      WHEN regexp_full_match(claims."paid", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') AND regexp_full_match(claims."billed", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') THEN TRY_CAST(claims."paid" AS DECIMAL(18,8)) <= TRY_CAST(claims."billed" AS DECIMAL(18,8))
      ELSE CASE
      WHEN starts_with(claims."paid", '-') AND regexp_matches(claims."paid", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."paid", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."paid", '^-?0*([0-9]*)', 1) || regexp_extract(claims."paid", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."paid", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."paid", '^-?0*([0-9]*)', 1) || regexp_extract(claims."paid", '\\.([0-9]*?)0*$', 1)
      END <= CASE
      WHEN starts_with(claims."billed", '-') AND regexp_matches(claims."billed", '[1-9]') THEN '0' || translate(lpad(CAST(length(regexp_extract(claims."billed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."billed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."billed", '\\.([0-9]*?)0*$', 1), '0123456789', '9876543210') || '~'
      ELSE '1' || lpad(CAST(length(regexp_extract(claims."billed", '^-?0*([0-9]*)', 1)) AS VARCHAR), 10, '0') || regexp_extract(claims."billed", '^-?0*([0-9]*)', 1) || regexp_extract(claims."billed", '\\.([0-9]*?)0*$', 1)
      END
      END))
      "
    `);
  });

  it('remittance.claim_status', () => {
    expect(rendered('remittance.claim_status')).toMatchInlineSnapshot(`
      "
      claims."status" IS NULL OR (claims."status" IN ('1', '2', '3', '4', '19', '20', '21', '22', '23', '25'))
      "
    `);
  });

  it('remittance.adjustment_format', () => {
    expect(rendered('remittance.adjustment_format')).toMatchInlineSnapshot(`
      "
      claims."adjustments" IS NULL OR regexp_full_match(claims."adjustments", '(CO|CR|OA|PI|PR)-([0-9]{1,3}|[A-Z][0-9]{1,2}):-?[0-9]{1,10}(\\.[0-9]{1,8})?( (CO|CR|OA|PI|PR)-([0-9]{1,3}|[A-Z][0-9]{1,2}):-?[0-9]{1,10}(\\.[0-9]{1,8})?)*')
      "
    `);
  });

  it('remittance.remark_format', () => {
    expect(rendered('remittance.remark_format')).toMatchInlineSnapshot(`
      "
      claims."remarks" IS NULL OR regexp_full_match(claims."remarks", '(MA[0-9]{2,3}|M[0-9]{1,3}|N[0-9]{1,3})( (MA[0-9]{2,3}|M[0-9]{1,3}|N[0-9]{1,3}))*')
      "
    `);
  });

  it('remittance.line_balance', () => {
    expect(rendered('remittance.line_balance')).toMatchInlineSnapshot(`
      "
      claims."charge" IS NULL OR claims."paid" IS NULL OR (NOT (regexp_full_match(claims."charge", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') AND regexp_full_match(claims."paid", '-?[0-9]{1,10}(\\.[0-9]{1,8})?') AND (claims."adjustments" IS NULL OR regexp_full_match(claims."adjustments", '(CO|CR|OA|PI|PR)-([0-9]{1,3}|[A-Z][0-9]{1,2}):-?[0-9]{1,10}(\\.[0-9]{1,8})?( (CO|CR|OA|PI|PR)-([0-9]{1,3}|[A-Z][0-9]{1,2}):-?[0-9]{1,10}(\\.[0-9]{1,8})?)*'))) OR (TRY_CAST(claims."charge" AS DECIMAL(18,8)) - coalesce(list_sum(list_transform(regexp_extract_all(claims."adjustments", ':(-?[0-9]+(?:\\.[0-9]+)?)', 1), amount -> TRY_CAST(amount AS DECIMAL(18,8)))), 0) = TRY_CAST(claims."paid" AS DECIMAL(18,8))))
      "
    `);
  });

  it('state_pack.claim_type', () => {
    expect(rendered('state_pack.claim_type')).toMatchInlineSnapshot(`
      "
      claims."claim_type" IS NULL OR (claims."claim_type" IN ('professional', 'institutional'))
      "
    `);
  });

  it('required.missing', () => {
    expect(rendered('required.missing')).toMatchInlineSnapshot(`
      "
      claims."value" IS NOT NULL AND NOT regexp_full_match(claims."value", '[ \\t\\r\\n]*')
      "
    `);
  });
});
