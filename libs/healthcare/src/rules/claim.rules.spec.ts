import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimTypeAllowed, requiredMissing } from './claim.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { testPack, TEST_AS_OF } from './test/test-packs';
import { passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('state_pack.claim_type', () => {
  it("takes the claim types the state pack allows, exactly", async () => {
    const env = { asOf: TEST_AS_OF, statePack: testPack({ allowedClaimTypes: ['professional', 'pharmacy'] }) };
    expect(await passing(runner, claimTypeAllowed, ['professional', 'pharmacy', 'institutional', 'Professional', 'dental', null], env)).toEqual([
      'professional',
      'pharmacy',
      null,
    ]);
  });

  it('fails every present value when the pack allows none', async () => {
    const env = { asOf: TEST_AS_OF, statePack: testPack({ allowedClaimTypes: [] }) };
    expect(await passing(runner, claimTypeAllowed, ['professional', null], env)).toEqual([null]);
  });
});

describe('required.missing', () => {
  it('fails null, empty and ASCII-blank values; anything else is present', async () => {
    expect(requiredMissing.requires).toEqual([]);
    const present = ['x', ' x ', '0', '\u00a0', '\u200b'];
    expect(await passing(runner, requiredMissing, [null, '', ' ', '\t', '\r\n', ' \t\n ', ...present])).toEqual(present);
  });
});
