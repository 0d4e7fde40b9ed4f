import { describe, expect, it } from 'vitest';
import { billingMonth, overage, previousMonth } from './billing-period';

describe('billingMonth', () => {
  it('is the UTC calendar month around the instant, end exclusive', () => {
    expect(billingMonth(new Date('2026-12-07T23:10:00Z'))).toEqual({ month: '2026-12', from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(billingMonth(new Date('2026-03-01T00:00:00Z')).from).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(billingMonth(new Date('2026-02-28T23:59:59.999Z')).to).toEqual(new Date('2026-03-01T00:00:00Z'));
  });
});

describe('previousMonth', () => {
  it('is the calendar month before, across a year', () => {
    expect(previousMonth(billingMonth(new Date('2027-01-15T00:00:00Z')))).toEqual({ month: '2026-12', from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(previousMonth(billingMonth(new Date('2026-03-01T00:00:00Z'))).month).toBe('2026-02');
  });
});

describe('overage', () => {
  const plan = { includedRecordsPerMonth: 1_000_000, pricePerThousandRecordsCents: 50 };

  it('costs nothing within the allowance, including exactly at it', () => {
    expect(overage(0, plan)).toEqual({ records: 0, cents: 0 });
    expect(overage(1_000_000, plan)).toEqual({ records: 0, cents: 0 });
  });

  it('charges each started thousand beyond it', () => {
    expect(overage(1_000_001, plan)).toEqual({ records: 1, cents: 50 });
    expect(overage(1_001_000, plan)).toEqual({ records: 1000, cents: 50 });
    expect(overage(1_001_001, plan)).toEqual({ records: 1001, cents: 100 });
    expect(overage(3_500_000, { includedRecordsPerMonth: 0, pricePerThousandRecordsCents: 10 })).toEqual({ records: 3_500_000, cents: 35_000 });
  });
});
