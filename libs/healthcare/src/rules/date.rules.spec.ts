import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { dateFormat, receivedBeforeService, serviceInFuture, serviceOrder, timelyFiling } from './date.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { testPack } from './test/test-packs';
import { judged, passing } from './test/verdicts';
import { parseClaimDate } from './values/claim-date';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('parseClaimDate', () => {
  it('reads the three claim shapes to ISO', () => {
    expect(parseClaimDate('2024-02-29')).toBe('2024-02-29');
    expect(parseClaimDate('20240229')).toBe('2024-02-29');
    expect(parseClaimDate('02/29/2024')).toBe('2024-02-29');
  });

  it.each(['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-1', '1/2/2025', '2025/01/02', '29/02/2024', ' 2025-01-02', '2025-01-02T00:00', '２０２５-01-02', ''])(
    'refuses %j',
    (value) => {
      expect(parseClaimDate(value)).toBeNull();
    },
  );
});

describe('date.format', () => {
  it('takes real dates in the three shapes, the same in both renderings', async () => {
    const valid = ['2024-02-29', '2000-02-29', '20240229', '02/29/2024', '12/31/1999'];
    const invalid = ['2023-02-29', '1900-02-29', '2025-02-30', '20250230', '02/30/2025', '13/01/2025', '2025-1-1', '2025-01-02 ', ''];
    expect(await passing(runner, dateFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

describe('dates.service_order', () => {
  it('fails only when both dates parse and from is after to', async () => {
    const cases = [
      { from: '2025-01-02', to: '2025-01-01' },
      { from: '2025-01-01', to: '2025-01-01' },
      { from: '20250101', to: '01/02/2025' },
      { from: '2025-02-30', to: '2025-01-01' },
      { from: '2025-01-02', to: null },
    ];
    expect(await judged(runner, serviceOrder, cases)).toEqual([false, true, true, true, true]);
  });
});

describe('dates.service_in_future', () => {
  it('fails when a parseable service date is after asOf', async () => {
    const env = { asOf: '2026-03-15', statePack: testPack() };
    const cases = [
      { from: '2026-03-15', to: '2026-03-15' },
      { from: '2026-03-16', to: null },
      { from: '2026-03-01', to: '03/16/2026' },
      { from: 'garbage', to: '2026-03-10' },
      { from: null, to: '2027-01-01' },
    ];
    expect(await judged(runner, serviceInFuture, cases, env)).toEqual([true, false, false, true, true]);
  });
});

describe('dates.received_before_service', () => {
  it('fails when received before the service ended; the same day passes', async () => {
    const cases = [
      { received: '2025-01-01', serviceEnd: '2025-01-02' },
      { received: '2025-01-02', serviceEnd: '2025-01-02' },
      { received: '2025-01-03', serviceEnd: '20250102' },
      { received: 'n/a', serviceEnd: '2025-01-02' },
    ];
    expect(await judged(runner, receivedBeforeService, cases)).toEqual([false, true, true, true]);
  });
});

describe('business.timely_filing', () => {
  it("fails when received more than the pack's days after the service end", async () => {
    const env = { asOf: '2026-03-15', statePack: testPack({ timelyFilingDays: 365 }) };
    const cases = [
      { received: '2025-01-01', serviceEnd: '2024-01-02' }, // 365 days (2024 is a leap year)
      { received: '2025-01-02', serviceEnd: '2024-01-02' }, // 366 days
      { received: '2024-01-01', serviceEnd: '2024-01-02' }, // before service: another rule's
      { received: '2025-01-02', serviceEnd: '2024-02-30' },
    ];
    expect(await judged(runner, timelyFiling, cases, env)).toEqual([true, false, true, true]);
  });

  it('refuses a state pack whose limit is not a whole, non-negative number of days', () => {
    for (const days of [-1, 1.5, Number.NaN]) {
      const context = { dialect: duckdbExpressions, asOf: '2026-03-15', statePack: testPack({ timelyFilingDays: days }), ref: (table: string) => table };
      expect(() => timelyFiling.sql({ received: 'r', serviceEnd: 's' }, context), String(days)).toThrow(
        new RangeError(`timelyFilingDays must be a whole number of days, got ${days}`),
      );
    }
    const zeroDays = { dialect: duckdbExpressions, asOf: '2026-03-15', statePack: testPack({ timelyFilingDays: 0 }), ref: (table: string) => table };
    expect(timelyFiling.sql({ received: 'r', serviceEnd: 's' }, zeroDays)).toContain('<= 0, TRUE)');
  });
});
