import { describe, expect, it } from 'vitest';
import type { SchemaColumn } from '@ade/contracts';
import { matchColumns } from './column-matching';

const col = (name: string, type = 'VARCHAR'): SchemaColumn => ({ name, type });
const synonyms: Record<string, string> = { 'Billing Provider NPI': 'billing_npi', billing_npi: 'billing_npi', NPI: 'billing_npi', 'Paid Amt': 'paid_amount', paid_amount: 'paid_amount' };
const canonicalOf = (header: string) => synonyms[header] ?? null;
const summary = (source: SchemaColumn[], registered: SchemaColumn[]) => {
  const matching = matchColumns(source, registered, canonicalOf);
  return {
    pairs: matching.sources.map((m) => `${m.source.name} → ${m.registered?.name ?? '(new)'}${m.renamed ? ' (renamed)' : ''}`),
    removed: matching.removed.map((c) => c.name),
  };
};

describe('matchColumns', () => {
  it('pairs same names, then normalized headers, then canonical columns', () => {
    expect(
      summary(
        [col('claim_id'), col('Member-Name'), col('Billing Provider NPI'), col('plan_code')],
        [col('claim_id'), col('member_name'), col('billing_npi'), col('paid_amount')],
      ),
    ).toEqual({
      pairs: ['claim_id → claim_id', 'Member-Name → member_name (renamed)', 'Billing Provider NPI → billing_npi (renamed)', 'plan_code → (new)'],
      removed: ['paid_amount'],
    });
  });

  it('counts a change of case as a rename', () => {
    expect(summary([col('Claim_ID')], [col('claim_id')]).pairs).toEqual(['Claim_ID → claim_id (renamed)']);
  });

  it('never renames onto a column the file still has', () => {
    expect(summary([col('billing_npi'), col('NPI')], [col('billing_npi')])).toEqual({ pairs: ['billing_npi → billing_npi', 'NPI → (new)'], removed: [] });
  });

  it('lets a normalized match win over an earlier canonical one, and the first header win a tie', () => {
    expect(summary([col('NPI'), col('Billing NPI')], [col('billing_npi')]).pairs).toEqual(['NPI → (new)', 'Billing NPI → billing_npi (renamed)']);
    expect(summary([col('Billing Provider NPI'), col('NPI')], [col('billing_npi')]).pairs).toEqual([
      'Billing Provider NPI → billing_npi (renamed)',
      'NPI → (new)',
    ]);
  });

  it('does not pair headers that both normalize to nothing', () => {
    expect(summary([col('#')], [col('---')])).toEqual({ pairs: ['# → (new)'], removed: ['---'] });
  });
});
