import { loadHcpcsLevel2Codes } from '../codesets/hcpcs-level2';
import { defineRule } from './define-rule';
import { fullMatch } from './sql/full-match-pattern';
import { atomic, onlyWhen } from './sql/sql-text';
import { isHippsLine, isHippsLineSql } from './values/hipps-line';

/**
 * Procedure code shapes on a professional claim line. CPT (HCPCS Level I) is AMA copyright and not
 * shipped, so CPT is checked for shape only: Category I five digits, Category II four digits and F,
 * Category III four digits and T. HCPCS Level II is a letter A-V and four digits (W-Z are unused;
 * the shared format helper in src/formats accepts any letter, these rules do not).
 */
export const CPT_FORMAT = fullMatch('[0-9]{5}|[0-9]{4}[FT]');
export const HCPCS_LEVEL2_FORMAT = fullMatch('[A-V][0-9]{4}');
export const PROCEDURE_FORMAT = fullMatch('[0-9]{5}|[0-9]{4}[FT]|[A-V][0-9]{4}');
/** A HIPPS rate code: five letters or digits (`NHNC1` skilled nursing, `1FC21` home health). */
export const HIPPS_FORMAT = fullMatch('[A-Z0-9]{5}');
/** Two upper-case letters or digits (`LT`, `25`, `GT`). */
export const MODIFIER_FORMAT = fullMatch('[A-Z0-9]{2}');

export const procedureFormat = defineRule({
  id: 'procedure.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code', 'revenueCode'],
  requires: ['code'],
  description:
    'A procedure code is CPT Category I (5 digits), II (4 digits + F), III (4 digits + T) or HCPCS Level II (A-V + 4 digits); ' +
    'on an institutional line of revenue code 0022, 0023 or 0024 the field holds a HIPPS rate code instead, five letters or digits.',
  message: 'Procedure code is neither a CPT nor a HCPCS Level II code (nor a HIPPS code on a PPS line)',
  test: ({ code, revenueCode }) => (isHippsLine(revenueCode) ? HIPPS_FORMAT : PROCEDURE_FORMAT).test(code),
  sql: ({ code, revenueCode }, { dialect }) =>
    `CASE WHEN ${isHippsLineSql(revenueCode, dialect)} THEN ${atomic(HIPPS_FORMAT.sql(code, dialect))} ELSE ${atomic(PROCEDURE_FORMAT.sql(code, dialect))} END`,
});

export const cptFormat = defineRule({
  id: 'cpt.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code'],
  requires: ['code'],
  description: 'A CPT code is Category I (5 digits), II (4 digits + F) or III (4 digits + T); checked for shape only.',
  message: 'CPT code is malformed',
  test: ({ code }) => CPT_FORMAT.test(code),
  sql: ({ code }, { dialect }) => CPT_FORMAT.sql(code, dialect),
});

export const hcpcsFormat = defineRule({
  id: 'hcpcs.format',
  family: 'code_validity',
  severity: 'error',
  roles: ['code'],
  requires: ['code'],
  description: 'A HCPCS Level II code is a letter A-V followed by 4 digits.',
  message: 'HCPCS Level II code is malformed',
  test: ({ code }) => HCPCS_LEVEL2_FORMAT.test(code),
  sql: ({ code }, { dialect }) => HCPCS_LEVEL2_FORMAT.sql(code, dialect),
});

export const hcpcsNotInCodeSet = defineRule({
  id: 'hcpcs.not_in_code_set',
  family: 'code_validity',
  severity: 'error',
  roles: ['code', 'revenueCode'],
  requires: ['code'],
  description:
    'A value shaped like HCPCS Level II must be in the newest shipped HCPCS Level II list. CPT-shaped and ' +
    'malformed values pass: the format rules own them, as do HIPPS codes on a PPS line (revenue code 0022-0024).',
  message: 'HCPCS Level II code is not in the current code set',
  test: ({ code, revenueCode }) => isHippsLine(revenueCode) || !HCPCS_LEVEL2_FORMAT.test(code) || loadHcpcsLevel2Codes().has(code),
  sql: ({ code, revenueCode }, { ref, dialect }) =>
    onlyWhen(`NOT ${isHippsLineSql(revenueCode, dialect)} AND ${atomic(HCPCS_LEVEL2_FORMAT.sql(code, dialect))}`, `${code} IN (SELECT code FROM ${ref('hcpcs_level2')})`),
});

export const hcpcsModifierFormat = defineRule({
  id: 'hcpcs.modifier_format',
  family: 'code_validity',
  severity: 'warning',
  roles: ['modifier'],
  requires: ['modifier'],
  description:
    'A procedure modifier is two upper-case letters or digits. A warning: the line\'s procedure code is ' +
    'still usable, and payers differ on which modifiers they honour.',
  message: 'Procedure modifier is not two upper-case letters or digits',
  test: ({ modifier }) => MODIFIER_FORMAT.test(modifier),
  sql: ({ modifier }, { dialect }) => MODIFIER_FORMAT.sql(modifier, dialect),
});
