import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustmentFormat, claimStatusUnknown, lineBalance, remarkFormat } from './remittance.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { judged, passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('remittance.claim_status', () => {
  it('takes the CLP02 codes of the 5010 835 and nothing else', async () => {
    const valid = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'];
    expect(await passing(runner, claimStatusUnknown, [...valid, '5', '24', '01', ' 1', '0', 'A'])).toEqual(valid);
  });
});

describe('remittance.adjustment_format', () => {
  it('takes group-reason:amount entries with a CAS group code and a CARC', async () => {
    const valid = ['CO-45:60.00', 'PR-1:100 PR-2:20.50', 'OA-23:-12.34', 'PI-B7:0', 'CR-253:1.25 CO-A1:3.00'];
    const invalid = ['CO-45', 'XX-45:1.00', 'co-45:1.00', 'CO-1234:1.00', 'CO-AB:1.00', 'CO-45:1.00  PR-2:1.00', 'CO-45:$1.00', 'CO-45:12345678901.00', 'CO-45:1.123456789', 'CO-45:1.00 '];
    expect(await passing(runner, adjustmentFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

describe('remittance.remark_format', () => {
  it('takes M, MA and N remark codes separated by single spaces', async () => {
    const valid = ['N130', 'M15 MA01', 'MA130 N4 M1'];
    expect(await passing(runner, remarkFormat, [...valid, 'N', 'MA1', 'X12', 'N1234', 'M15,N130', 'n130'])).toEqual(valid);
  });
});

describe('remittance.line_balance', () => {
  it('passes a line whose charge less its adjustments is what was paid, exactly', async () => {
    const cases = [
      { charge: '100.00', paid: '72.00', adjustments: 'CO-45:20.00 PR-2:8.00' },
      { charge: '100', paid: '100.00', adjustments: null },
      { charge: '100.00', paid: '110.00', adjustments: 'OA-23:-10' },
      { charge: '100.00', paid: '72.01', adjustments: 'CO-45:20.00 PR-2:8.00' },
      { charge: '100.00', paid: '80.00', adjustments: 'CO-45:20.00 PR-2:8.00' },
      { charge: '0.3', paid: '0.1', adjustments: 'CO-45:0.1 CO-45:0.1' },
      { charge: '100.00', paid: '99.99999999', adjustments: 'CO-45:0.00000001' },
      { charge: '100.00', paid: '99.99999999', adjustments: 'CO-45:0.00000002' },
    ];
    expect(await judged(runner, lineBalance, cases)).toEqual([true, true, true, false, false, true, true, false]);
  });

  it('passes what it cannot add: the format rules report those', async () => {
    const cases = [
      { charge: '$100', paid: '1', adjustments: null },
      { charge: '100', paid: '1', adjustments: 'CO-45 20' },
      { charge: '12345678901', paid: '1', adjustments: null },
      { charge: null, paid: '1', adjustments: 'CO-45:1' },
      { charge: '100', paid: null, adjustments: 'CO-45:1' },
    ];
    expect(await judged(runner, lineBalance, cases)).toEqual([true, true, true, true, true]);
  });
});
