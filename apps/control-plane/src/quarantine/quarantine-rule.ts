/**
 * The rule an expectation id counts under: `npi.check_digit:billing_npi` (a library rule bound to
 * a column) → `npi.check_digit`; a rule without a column, or a tenant's own SQL expectation
 * (`custom.high_paid`), is its own rule. The worker reports released rows by expectation id and
 * accepts either form in a release's `rules`, so both sides are counted under this one key.
 */
export function ruleOf(expectationId: string): string {
  return expectationId.split(':', 1)[0]!;
}

/** The same, in SQL, for ids stored as text. */
export const ruleOfSql = (column: string) => `split_part(${column}, ':', 1)`;
