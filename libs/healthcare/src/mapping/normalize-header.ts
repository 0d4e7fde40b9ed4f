/**
 * The key a header is matched by: lower-case ASCII letters and digits only. A BOM, surrounding
 * space, case, and every separator (space, dash, dot, underscore, slash, '#', and the boundaries
 * of camelCase) fall away, so 'Billing Provider NPI', 'billing-provider-npi', 'billing_provider_npi'
 * and 'BillingProviderNPI' all give 'billingprovidernpi'. Accented letters lose their accents.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
