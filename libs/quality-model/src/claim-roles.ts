/**
 * Which canonical column plays a role across the data types, most specific first. Eligibility,
 * freshness, gold and the profile all ask the same questions, so they read the same lists.
 */

/** Service dates, as (from, to) pairs: the line's, the claim's, a pharmacy fill's. */
export const SERVICE_SPANS: ReadonlyArray<readonly [string, string | null]> = [
  ['claim_line_start_date', 'claim_line_end_date'],
  ['claim_start_date', 'claim_end_date'],
  ['dispensing_date', null],
];

/** The provider a row is attributed to (who billed or dispensed it), or the provider itself. */
const ATTRIBUTED_PROVIDER_COLUMNS = ['billing_npi', 'dispensing_provider_npi', 'prescribing_provider_npi', 'npi'];

/** The first service date column `has` says is there. */
export function serviceDateColumn(has: (column: string) => boolean): string | null {
  return SERVICE_SPANS.find(([from]) => has(from))?.[0] ?? null;
}

export function attributedProviderColumn(has: (column: string) => boolean): string | null {
  return ATTRIBUTED_PROVIDER_COLUMNS.find(has) ?? null;
}
