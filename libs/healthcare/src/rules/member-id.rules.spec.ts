import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mbiFormat, medicaidIdFormat, medicaidMemberIdPattern } from './member-id.rules';
import { PortableRegexError } from './sql/portable-regex';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { testPack, TEST_AS_OF } from './test/test-packs';
import { DEFAULT_ENV, passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('mbi.format', () => {
  it("accepts the CMS example 1EG4-TE5-MK73, with or without the display dashes", async () => {
    const valid = ['1EG4TE5MK73', '1EG4-TE5-MK73', '1EG4-TE5-MK72', '9AA0A00AA00', '1C99C99CC99'];
    const invalid = [
      '0EG4TE5MK73', // position 1 cannot be 0
      '1SG4TE5MK73', // S is excluded
      '1EG4TL5MK73', // L is excluded (position 6)
      '1EG4TE5MZ73', // Z is excluded
      '1EGATE5MK73', // position 4 is a digit
      '1eg4te5mk73',
      '1EG4-TE5MK73', // one dash only
      '1EG-4TE5-MK73',
      '1EG4 TE5 MK73',
      '1EG4TE5MK7',
      '1EG4TE5MK733',
      '１EG4TE5MK73',
    ];
    expect(await passing(runner, mbiFormat, [...valid, ...invalid])).toEqual(valid);
  });
});

describe('medicaid_id.format', () => {
  it("matches the whole value against the state pack's pattern", async () => {
    const env = { asOf: TEST_AS_OF, statePack: testPack({ medicaidMemberIdPattern: '^[A-Z]{2}[0-9]{8}$' }) };
    expect(await passing(runner, medicaidIdFormat, ['AB12345678', 'ab12345678', 'AB123456789', 'XAB12345678', 'AB1234567８'], env)).toEqual(['AB12345678']);
  });

  it('reads patterns without anchors as anchored too', async () => {
    const env = { asOf: TEST_AS_OF, statePack: testPack({ medicaidMemberIdPattern: '\\d{9}|MA-\\d{4}' }) };
    expect(await passing(runner, medicaidIdFormat, ['123456789', 'MA-1234', '1234567890', 'xMA-1234', 'MA-1234 '], env)).toEqual(['123456789', 'MA-1234']);
  });

  it('refuses a pattern JavaScript and RE2 would read differently', () => {
    for (const pattern of ['^.{9}$', '^[^0-9]{3}$', '^\\s*\\d+$', '^(\\d)\\1$', '^(?=A)\\w+$', '^[[:alpha:]]+$', '(?i)abc']) {
      const env = { ...DEFAULT_ENV, statePack: testPack({ medicaidMemberIdPattern: pattern }) };
      expect(() => medicaidIdFormat.test({ memberId: 'x' }, env), pattern).toThrow(PortableRegexError);
    }
  });

  it('compiles each pack pattern once, however many rows and renderings ask for it', () => {
    const pack = testPack({ medicaidMemberIdPattern: '^NY[0-9]{6}$' });
    const first = medicaidMemberIdPattern(pack);
    expect(medicaidMemberIdPattern(testPack({ medicaidMemberIdPattern: '^NY[0-9]{6}$' }))).toBe(first);
    expect(medicaidMemberIdPattern(testPack({ medicaidMemberIdPattern: '^TX[0-9]{6}$' }))).not.toBe(first);
  });
});
