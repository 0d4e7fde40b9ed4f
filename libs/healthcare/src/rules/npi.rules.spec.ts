import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npiCheckDigit, npiFormat } from './npi.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('npi.format', () => {
  it('accepts 10 digits starting with 1 or 2, whatever the check digit', async () => {
    const valid = ['1234567893', '1234567890', '2000000002'];
    const invalid = ['0234567893', '3234567893', '123456789', '12345678930', ' 1234567893', '1234567893\n', '123-456-7893', '１２３４５６７８９３', ''];
    expect(await passing(runner, npiFormat, [...valid, ...invalid, null])).toEqual([...valid, null]);
  });
});

describe('npi.check_digit', () => {
  it('checks the Luhn digit with the 80840 prefix (CMS example 1234567893)', async () => {
    const valid = ['1234567893', '1245319599', '1003000126', '2000000002'];
    const wrong = ['1234567890', '1234567983', '1245319598'];
    expect(await passing(runner, npiCheckDigit, [...valid, ...wrong])).toEqual(valid);
  });

  it('passes values that are not well formed, which npi.format reports instead', async () => {
    const malformed = ['123456789', '0234567890', 'ABCDEFGHIJ', '', null];
    expect(await passing(runner, npiCheckDigit, malformed)).toEqual(malformed);
  });
});
