import { describe, expect, it } from 'vitest';
import { canonicalOfFor } from './canonical-of';

describe('canonicalOfFor', () => {
  it("gives a header's canonical column in the pipeline's data type, by name or synonym", () => {
    const canonicalOf = canonicalOfFor('professional_claims');
    expect(canonicalOf('Billing Provider NPI')).toBe('billing_npi');
    expect(canonicalOf('billing_npi')).toBe('billing_npi');
    expect(canonicalOf('Paid Amt')).toBe('paid_amount');
    expect(canonicalOf('Adjuster Notes')).toBeNull();
  });
});
