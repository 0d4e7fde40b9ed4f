/**
 * The rules a schema may bind, with their input roles: the contract between the canonical
 * schemas (here) and the rule implementations (`../rules`). A rule's roles must equal this list;
 * `required.missing` is absent because the engine binds it from `required` and the state pack.
 */
export const CHECK_RULE_ROLES = {
  'npi.format': ['npi'],
  'npi.check_digit': ['npi'],
  'icd10cm.format': ['code', 'serviceDate', 'codeType'],
  'icd10cm.header_code': ['code', 'serviceDate', 'codeType'],
  'icd10cm.not_valid_on_date': ['code', 'serviceDate', 'codeType'],
  'icd9cm.format': ['code', 'serviceDate', 'codeType'],
  'snomedct.format': ['code', 'codeType'],
  'icd10pcs.format': ['code'],
  'procedure.format': ['code', 'revenueCode'],
  'cpt.format': ['code'],
  'hcpcs.format': ['code'],
  'hcpcs.not_in_code_set': ['code', 'revenueCode'],
  'hcpcs.modifier_format': ['modifier'],
  'ndc.format': ['ndc'],
  'mbi.format': ['mbi'],
  'medicaid_id.format': ['memberId'],
  'taxonomy.format': ['taxonomy'],
  'taxonomy.not_in_code_set': ['taxonomy'],
  'place_of_service.unknown': ['pos'],
  'state.unknown': ['state'],
  'zip.format': ['zip'],
  'date.format': ['date'],
  'dates.service_order': ['from', 'to'],
  'dates.service_in_future': ['from', 'to'],
  'dates.received_before_service': ['received', 'serviceEnd'],
  'business.timely_filing': ['received', 'serviceEnd'],
  'amount.format': ['amount'],
  'amount.negative': ['amount'],
  'amounts.paid_exceeds_allowed': ['paid', 'allowed'],
  'amounts.allowed_exceeds_billed': ['allowed', 'billed'],
  'amounts.paid_exceeds_billed': ['paid', 'billed', 'allowed'],
  'remittance.claim_status': ['status'],
  'remittance.adjustment_format': ['adjustments'],
  'remittance.remark_format': ['remarks'],
  'remittance.line_balance': ['charge', 'paid', 'adjustments'],
  'state_pack.claim_type': ['claimType'],
} as const satisfies Record<string, readonly string[]>;

export type CheckRuleId = keyof typeof CHECK_RULE_ROLES;
export type CheckRoles<R extends CheckRuleId> = (typeof CHECK_RULE_ROLES)[R][number];

export function isCheckRuleId(value: string): value is CheckRuleId {
  return Object.hasOwn(CHECK_RULE_ROLES, value);
}
