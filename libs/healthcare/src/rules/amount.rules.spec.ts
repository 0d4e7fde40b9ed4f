import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedExceedsBilled, amountFormat, amountNegative, paidExceedsAllowed, paidExceedsBilled } from './amount.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged, passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('amount.format', () => {
  it('takes an optional minus, digits and an optional fraction', async () => {
    const valid = ['12', '12.5', '-0.25', '-0', '00012', '0.000000000000000000001', '123456789012345678901234567890123.45'];
    const invalid = ['$12', '1,000', '1e5', '+5', '.5', '5.', '--1', '-', '12.5.1', ' 12', '１２', ''];
    expect(await passing(runner, amountFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

describe('amount.negative', () => {
  it('fails a well-formed amount below zero; -0 is zero; malformed passes', async () => {
    expect(await passing(runner, amountNegative, ['-0.25', '-1', '-0.0000000000001', '-0', '-0.00', '0', '12', '-$5', '-1e3'])).toEqual([
      '-0',
      '-0.00',
      '0',
      '12',
      '-$5',
      '-1e3',
    ]);
  });
});

describe('amount comparisons are exact', () => {
  it('amounts.paid_exceeds_allowed compares decimals exactly, at any length', async () => {
    const cases = [
      { paid: '100.00', allowed: '99.99' },
      { paid: '100', allowed: '100.000' },
      { paid: '0.1', allowed: '0.10000000000000000001' },
      { paid: '0.10000000000000000001', allowed: '0.1' },
      { paid: '123456789012345678901234567890', allowed: '123456789012345678901234567889.9' },
      { paid: '-0.5', allowed: '-0.51' },
      { paid: '-0', allowed: '0' },
      { paid: '00012', allowed: '12' },
      { paid: '$5', allowed: '1' },
      { paid: '5', allowed: null },
    ];
    expect(await judged(runner, paidExceedsAllowed, cases)).toEqual([false, true, true, false, false, false, true, true, true, true]);
  });

  it('amounts.allowed_exceeds_billed uses the same comparison', async () => {
    const cases = [
      { allowed: '80', billed: '100' },
      { allowed: '100.01', billed: '100' },
      { allowed: '-1', billed: '-2' },
    ];
    expect(await judged(runner, allowedExceedsBilled, cases)).toEqual([true, false, false]);
  });

  it('amounts.paid_exceeds_billed holds paid to billed only when the allowed amount cannot stand between them', async () => {
    const cases = [
      { paid: '100.01', billed: '100', allowed: null },
      { paid: '100.01', billed: '100', allowed: '' },
      { paid: '100.01', billed: '100', allowed: 'n/a' },
      { paid: '100.01', billed: '100', allowed: '100.01' },
      { paid: '100', billed: '100.00', allowed: null },
      { paid: '-5', billed: '-6', allowed: null },
      { paid: '12345678901234567890.5', billed: '12345678901234567890.49', allowed: null },
      { paid: '$5', billed: '4', allowed: null },
      { paid: '5', billed: 'four', allowed: null },
      { paid: null, billed: '4', allowed: null },
    ];
    expect(await judged(runner, paidExceedsBilled, cases)).toEqual([false, false, false, true, true, false, false, true, true, true]);
  });
});
