import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOfServiceUnknown, stateUnknown, zipFormat } from './location.rules';
import { taxonomyFormat, taxonomyNotInCodeSet } from './taxonomy.rules';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { passing } from './test/verdicts';

let runner: DuckDbRuleRunner;
beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
});
afterAll(() => runner.close());

describe('place_of_service.unknown', () => {
  it('takes the shipped CMS codes, written with two digits', async () => {
    expect(await passing(runner, placeOfServiceUnknown, ['11', '02', '27', '66', '00', '1', '011', ' 11', '１１'])).toEqual(['11', '02', '27', '66']);
  });
});

describe('state.unknown', () => {
  it('takes USPS state and territory codes, DC included, upper case', async () => {
    expect(await passing(runner, stateUnknown, ['NY', 'DC', 'PR', 'GU', 'ny', 'XX', 'N', 'NYC'])).toEqual(['NY', 'DC', 'PR', 'GU']);
  });
});

describe('zip.format', () => {
  it('takes 5 digits, ZIP+4 with a hyphen, or 9 digits', async () => {
    const valid = ['12345', '12345-6789', '123456789'];
    expect(await passing(runner, zipFormat, [...valid, '1234', '12345-678', '12345 6789', '12345-', '１２３４５'])).toEqual(valid);
  });
});

describe('taxonomy rules', () => {
  it('taxonomy.format: nine upper-case letters or digits, then X', async () => {
    const valid = ['207Q00000X', '193200000X', '999ZZ9999X'];
    expect(await passing(runner, taxonomyFormat, [...valid, '207q00000x', '207Q00000', '207Q000000X', '207Q00000Y'])).toEqual(valid);
  });

  it('taxonomy.not_in_code_set: a well-formed code missing from NUCC v25.1 is a warning', async () => {
    expect(taxonomyNotInCodeSet.severity).toBe('warning');
    expect(await passing(runner, taxonomyNotInCodeSet, ['207Q00000X', '999ZZ9999X', '207q00000x'])).toEqual(['207Q00000X', '207q00000x']);
  });
});
