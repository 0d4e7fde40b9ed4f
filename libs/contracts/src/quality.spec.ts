import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  amountProfileSchema,
  expectationResultSchema,
  lineageEdgeSchema,
  maskedSample,
  QUALITY_DIMENSIONS,
  qualityReportSchema,
  qualityScoresSchema,
  releasedByRuleSchema,
  releaseFilterSchema,
  repairCountSchema,
  RULE_FAMILIES,
  tableProfileSchema,
} from './quality';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const result = {
  id: 'npi.check_digit:billing_npi',
  rule: 'npi.check_digit',
  family: 'code_validity',
  dimension: 'validity',
  action: 'drop',
  column: 'billing_npi',
  failed: 3,
  samples: ['9999999999', 'X99.9'],
};

const profile = {
  nullRates: { billing_npi: 0, paid_amount: 0.25 },
  amounts: { paid_amount: { count: 10, mean: 12.5, median: 10, mad: 2 } },
  providers: { distinct: 4, new: 1 },
  newestServiceYear: 2026,
};

const report = {
  table: 'healthcare_data.silver.claims',
  rows: { input: 10, silver: 7, quarantined: 3, warned: 1, repaired: 2 },
  scores: { completeness: 1, validity: 0.7, uniqueness: 1, consistency: 0.9, overall: 0.9 },
  expectations: [result],
  repairs: [{ repair: 'trim', column: 'billing_npi', count: 2 }],
  profile,
};

const TOO_BIG_128 = 'Too big: expected string to have <=128 characters';

describe('maskedSample', () => {
  it.each(['', 'X', '9', 'X99.9', '99999-9999', '$9,999.99', 'XX 9/9', 'X_X+X#X*X:9', 'X'.repeat(32)])('accepts the shape %j', (sample) => {
    expect(maskedSample.parse(sample)).toBe(sample);
  });

  it.each(['A', 'x', '0', '1234', 'Zebediah', 'X99A', 'aX', 'Xa', '9 Main St', 'X@X', '(999)', 'X\n'])('refuses %j, which could be a value rather than its shape', (sample) => {
    expect(problems(maskedSample, sample)).toBe('(root): must be a masked shape');
  });

  it('refuses 33 characters', () => {
    expect(problems(maskedSample, 'X'.repeat(33))).toBe('(root): Too big: expected string to have <=32 characters');
  });
});

describe('expectationResultSchema', () => {
  it('accepts a result, and one not bound to a column', () => {
    expect(expectationResultSchema.parse(result)).toEqual(result);
    expect(expectationResultSchema.parse({ ...result, column: null, samples: [] })).toMatchObject({ column: null, samples: [] });
  });

  it('names the rule families and the quality dimensions', () => {
    expect(RULE_FAMILIES).toEqual(['code_validity', 'business', 'integrity', 'freshness', 'custom']);
    expect(QUALITY_DIMENSIONS).toEqual(['completeness', 'validity', 'uniqueness', 'consistency']);
  });

  it.each(RULE_FAMILIES)('accepts the family %s', (family) => {
    expect(expectationResultSchema.parse({ ...result, family }).family).toBe(family);
  });

  it.each(QUALITY_DIMENSIONS)('accepts the dimension %s', (dimension) => {
    expect(expectationResultSchema.parse({ ...result, dimension }).dimension).toBe(dimension);
  });

  it.each(['warn', 'drop', 'fail'])('accepts the action %s', (action) => {
    expect(expectationResultSchema.parse({ ...result, action }).action).toBe(action);
  });

  it('refuses unknown families, dimensions and actions', () => {
    expect(problems(expectationResultSchema, { ...result, family: 'other', dimension: 'accuracy', action: 'quarantine' })).toBe(
      [
        'family: Invalid option: expected one of "code_validity"|"business"|"integrity"|"freshness"|"custom"',
        'dimension: Invalid option: expected one of "completeness"|"validity"|"uniqueness"|"consistency"',
        'action: Invalid option: expected one of "warn"|"drop"|"fail"',
      ].join('; '),
    );
  });

  it('takes a rule and a column of up to 128 characters', () => {
    expect(expectationResultSchema.parse({ ...result, rule: 'r'.repeat(128), column: 'c'.repeat(128) })).toMatchObject({ rule: 'r'.repeat(128) });
    expect(problems(expectationResultSchema, { ...result, rule: 'r'.repeat(129), column: 'c'.repeat(129) })).toBe(`rule: ${TOO_BIG_128}; column: ${TOO_BIG_128}`);
  });

  it('checks the id as an expectation id', () => {
    expect(problems(expectationResultSchema, { ...result, id: 'Bad Id' })).toBe(
      "id: must be like 'npi.check_digit', 'npi.check_digit:billing_npi' or 'custom.high_paid'",
    );
  });

  it('counts failures from zero, in whole rows', () => {
    expect(expectationResultSchema.parse({ ...result, failed: 0 }).failed).toBe(0);
    expect(problems(expectationResultSchema, { ...result, failed: -1 })).toBe('failed: Too small: expected number to be >=0');
    expect(problems(expectationResultSchema, { ...result, failed: 0.5 })).toBe('failed: Invalid input: expected int, received number');
  });

  it('carries at most 5 samples, each masked, naming the one at fault', () => {
    const five = ['X', 'X', 'X', 'X', 'X'];
    expect(expectationResultSchema.parse({ ...result, samples: five }).samples).toEqual(five);
    expect(problems(expectationResultSchema, { ...result, samples: [...five, 'X'] })).toBe('samples: Too big: expected array to have <=5 items');
    const message = problems(expectationResultSchema, { ...result, samples: ['X', 'Zebediah'] });
    expect(message).toBe('samples.1: must be a masked shape');
  });

  it('refuses unknown keys', () => {
    expect(problems(expectationResultSchema, { ...result, rows: [] })).toBe('(root): Unrecognized key: "rows"');
  });
});

describe('repairCountSchema and amountProfileSchema', () => {
  it('take a repair of up to 64 characters and a column of up to 128', () => {
    const repair = { repair: 'r'.repeat(64), column: 'c'.repeat(128), count: 0 };
    expect(repairCountSchema.parse(repair)).toEqual(repair);
    expect(problems(repairCountSchema, { repair: 'r'.repeat(65), column: 'c'.repeat(129), count: -1 })).toBe(
      `repair: Too big: expected string to have <=64 characters; column: ${TOO_BIG_128}; count: Too small: expected number to be >=0`,
    );
    expect(problems(repairCountSchema, { ...repair, value: 'x' })).toBe('(root): Unrecognized key: "value"');
  });

  it('take nulls for figures an empty column cannot have', () => {
    const empty = { count: 0, mean: null, median: null, mad: null };
    expect(amountProfileSchema.parse(empty)).toEqual(empty);
    expect(amountProfileSchema.parse({ count: 3, mean: -1.5, median: 0, mad: 0.25 })).toEqual({ count: 3, mean: -1.5, median: 0, mad: 0.25 });
    expect(problems(amountProfileSchema, { count: 1, mean: 1, median: 1 })).toBe('mad: Invalid input: expected number, received undefined');
    expect(problems(amountProfileSchema, { ...empty, min: 0 })).toBe('(root): Unrecognized key: "min"');
  });
});

describe('tableProfileSchema', () => {
  it('accepts a profile', () => {
    expect(tableProfileSchema.parse(profile)).toEqual(profile);
    expect(tableProfileSchema.parse({ ...profile, nullRates: {}, amounts: {}, newestServiceYear: null })).toMatchObject({ newestServiceYear: null });
  });

  it('takes null rates as ratios from 0 to 1', () => {
    expect(tableProfileSchema.parse({ ...profile, nullRates: { a: 0, b: 0.5, c: 1 } }).nullRates).toEqual({ a: 0, b: 0.5, c: 1 });
    expect(problems(tableProfileSchema, { ...profile, nullRates: { a: -0.01, b: 1.01 } })).toBe(
      'nullRates.a: Too small: expected number to be >=0; nullRates.b: Too big: expected number to be <=1',
    );
  });

  it('keys figures by column names of up to 128 characters', () => {
    const name = 'c'.repeat(128);
    expect(tableProfileSchema.parse({ ...profile, nullRates: { [name]: 0 } }).nullRates).toEqual({ [name]: 0 });
    const tooLong = `${name}c`;
    expect(problems(tableProfileSchema, { ...profile, nullRates: { [tooLong]: 0 } })).toBe(`nullRates.${tooLong}: Invalid key in record`);
    expect(problems(tableProfileSchema, { ...profile, amounts: { [tooLong]: profile.amounts.paid_amount } })).toBe(`amounts.${tooLong}: Invalid key in record`);
    expect(problems(tableProfileSchema, { ...profile, amounts: { paid_amount: { count: -1, mean: null, median: null, mad: null } } })).toBe(
      'amounts.paid_amount.count: Too small: expected number to be >=0',
    );
  });

  it('counts providers from zero and refuses other keys there', () => {
    expect(tableProfileSchema.parse({ ...profile, providers: { distinct: 0, new: 0 } }).providers).toEqual({ distinct: 0, new: 0 });
    expect(problems(tableProfileSchema, { ...profile, providers: { distinct: -1, new: -1 } })).toBe(
      'providers.distinct: Too small: expected number to be >=0; providers.new: Too small: expected number to be >=0',
    );
    expect(problems(tableProfileSchema, { ...profile, providers: { distinct: 1, new: 0, npis: [] } })).toBe('providers: Unrecognized key: "npis"');
  });

  it('keeps only the year of the newest service date, from 1900 to 2200', () => {
    for (const year of [1900, 2200]) expect(tableProfileSchema.parse({ ...profile, newestServiceYear: year }).newestServiceYear).toBe(year);
    expect(problems(tableProfileSchema, { ...profile, newestServiceYear: 1899 })).toBe('newestServiceYear: Too small: expected number to be >=1900');
    expect(problems(tableProfileSchema, { ...profile, newestServiceYear: 2201 })).toBe('newestServiceYear: Too big: expected number to be <=2200');
    expect(problems(tableProfileSchema, { ...profile, newestServiceYear: '2026-03-14' })).toBe(
      'newestServiceYear: Invalid input: expected number, received string',
    );
  });

  it('refuses a newest service date of more than a year (a Safe Harbor identifier)', () => {
    expect(problems(tableProfileSchema, { ...profile, newestServiceDate: '2026-03-14' })).toBe('(root): Unrecognized key: "newestServiceDate"');
  });
});

describe('qualityScoresSchema', () => {
  const scores = report.scores;

  it.each(['completeness', 'validity', 'uniqueness', 'consistency', 'overall'] as const)('takes %s as a ratio from 0 to 1', (field) => {
    for (const value of [0, 0.5, 1]) expect(qualityScoresSchema.parse({ ...scores, [field]: value })[field]).toBe(value);
    expect(problems(qualityScoresSchema, { ...scores, [field]: -0.01 })).toBe(`${field}: Too small: expected number to be >=0`);
    expect(problems(qualityScoresSchema, { ...scores, [field]: 1.01 })).toBe(`${field}: Too big: expected number to be <=1`);
    const { [field]: _, ...rest } = scores;
    expect(problems(qualityScoresSchema, rest)).toBe(`${field}: Invalid input: expected number, received undefined`);
  });
});

describe('qualityReportSchema', () => {
  it('accepts a report', () => {
    expect(qualityReportSchema.parse(report)).toEqual(report);
    expect(qualityReportSchema.parse({ ...report, expectations: [], repairs: [] })).toMatchObject({ expectations: [], repairs: [] });
  });

  it('names the silver table by its three parts', () => {
    expect(problems(qualityReportSchema, { ...report, table: 'silver.claims' })).toBe(
      'table: Invalid string: must match pattern /^([a-z_][a-z0-9_]{0,62})\\.([a-z_][a-z0-9_]{0,62})\\.([a-z_][a-z0-9_]{0,62})$/',
    );
  });

  it.each(['input', 'silver', 'quarantined', 'warned', 'repaired'] as const)('counts %s rows from zero', (field) => {
    expect(qualityReportSchema.parse({ ...report, rows: { ...report.rows, [field]: 0 } }).rows[field]).toBe(0);
    expect(problems(qualityReportSchema, { ...report, rows: { ...report.rows, [field]: -1 } })).toBe(`rows.${field}: Too small: expected number to be >=0`);
  });

  it('takes up to 1000 expectation results and 1000 repairs', () => {
    const results = Array.from({ length: 1000 }, () => result);
    const repairs = Array.from({ length: 1000 }, () => report.repairs[0]);
    expect(qualityReportSchema.parse({ ...report, expectations: results, repairs }).expectations).toHaveLength(1000);
    expect(problems(qualityReportSchema, { ...report, expectations: [...results, result], repairs: [...repairs, report.repairs[0]] })).toBe(
      'expectations: Too big: expected array to have <=1000 items; repairs: Too big: expected array to have <=1000 items',
    );
  });

  it('records the public layout the files were read as, by an id of 1-64 lower-case letters, digits and dashes and a name of 1-200 characters', () => {
    const layout = { id: 'cms-ccw-rif-carrier', name: 'CMS CCW RIF carrier claims' };
    expect(qualityReportSchema.parse({ ...report, layout }).layout).toEqual(layout);
    expect(qualityReportSchema.parse({ ...report, layout: null }).layout).toBeNull();
    expect(qualityReportSchema.parse({ ...report, layout: { id: 'a'.repeat(64), name: 'n'.repeat(200) } }).layout?.id).toHaveLength(64);
    expect(qualityReportSchema.parse(report)).not.toHaveProperty('layout');
    expect(problems(qualityReportSchema, { ...report, layout: { ...layout, id: 'CMS carrier' } })).toBe('layout.id: Invalid string: must match pattern /^[a-z0-9-]{1,64}$/');
    expect(problems(qualityReportSchema, { ...report, layout: { ...layout, id: 'a'.repeat(65) } })).toBe('layout.id: Invalid string: must match pattern /^[a-z0-9-]{1,64}$/');
    expect(problems(qualityReportSchema, { ...report, layout: { ...layout, name: '' } })).toBe('layout.name: Too small: expected string to have >=1 characters');
    expect(problems(qualityReportSchema, { ...report, layout: { ...layout, name: 'n'.repeat(201) } })).toBe('layout.name: Too big: expected string to have <=200 characters');
    expect(problems(qualityReportSchema, { ...report, layout: { ...layout, mapping: {} } })).toBe('layout: Unrecognized key: "mapping"');
  });

  it('refuses row data smuggled in, by key name only', () => {
    const message = problems(qualityReportSchema, { ...report, rows: { ...report.rows, sample: [{ name: 'Zebediah' }] } });
    expect(message).toBe('rows: Unrecognized key: "sample"');
    expect(problems(qualityReportSchema, { ...report, failingRows: [] })).toBe('(root): Unrecognized key: "failingRows"');
  });
});

describe('lineageEdgeSchema', () => {
  const edge = { source: { kind: 'file', name: 'claims/2026-01.csv' }, target: 'healthcare_data.bronze.claims', rows: 10 };

  it('takes a file or a table as the source', () => {
    expect(lineageEdgeSchema.parse(edge)).toEqual(edge);
    const fromTable = { ...edge, source: { kind: 'table', name: 'healthcare_data.bronze.claims' }, rows: 0 };
    expect(lineageEdgeSchema.parse(fromTable)).toEqual(fromTable);
    expect(problems(lineageEdgeSchema, { ...edge, source: { kind: 'api', name: 'x' } })).toBe('source.kind: Invalid option: expected one of "file"|"table"');
  });

  it('takes a source name of 1 to 1024 characters', () => {
    expect(lineageEdgeSchema.parse({ ...edge, source: { kind: 'file', name: 'f'.repeat(1024) } }).source.name).toHaveLength(1024);
    expect(lineageEdgeSchema.parse({ ...edge, source: { kind: 'file', name: 'f' } }).source.name).toBe('f');
    expect(problems(lineageEdgeSchema, { ...edge, source: { kind: 'file', name: '' } })).toBe('source.name: Too small: expected string to have >=1 characters');
    expect(problems(lineageEdgeSchema, { ...edge, source: { kind: 'file', name: 'f'.repeat(1025) } })).toBe(
      'source.name: Too big: expected string to have <=1024 characters',
    );
    expect(problems(lineageEdgeSchema, { ...edge, source: { ...edge.source, bytes: 1 } })).toBe('source: Unrecognized key: "bytes"');
  });

  it('names the target by its three parts and counts rows from zero', () => {
    expect(problems(lineageEdgeSchema, { ...edge, target: 'claims' })).toMatch(/^target: Invalid string/);
    expect(problems(lineageEdgeSchema, { ...edge, rows: -1 })).toBe('rows: Too small: expected number to be >=0');
  });
});

describe('release filters', () => {
  it('re-evaluates every unreleased row when empty', () => {
    expect(releaseFilterSchema.parse({})).toEqual({});
  });

  it('narrows by up to 100 rules of up to 128 characters, and by run', () => {
    const filter = { rules: Array.from({ length: 100 }, () => 'r'.repeat(128)), runId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b' };
    expect(releaseFilterSchema.parse(filter)).toEqual(filter);
    expect(releaseFilterSchema.parse({ rules: [] })).toEqual({ rules: [] });
    expect(problems(releaseFilterSchema, { rules: [...filter.rules, 'r'] })).toBe('rules: Too big: expected array to have <=100 items');
    expect(problems(releaseFilterSchema, { rules: ['r', 'r'.repeat(129)] })).toBe(`rules.1: ${TOO_BIG_128}`);
    expect(problems(releaseFilterSchema, { runId: 'run-1' })).toBe('runId: Invalid UUID');
    expect(problems(releaseFilterSchema, { table: 'x' })).toBe('(root): Unrecognized key: "table"');
  });

  it('counts released rows by rule, up to 1000 rules', () => {
    const byRule = Array.from({ length: 1000 }, () => ({ rule: 'r'.repeat(128), released: 0 }));
    expect(releasedByRuleSchema.parse(byRule)).toEqual(byRule);
    expect(releasedByRuleSchema.parse([])).toEqual([]);
    expect(problems(releasedByRuleSchema, [...byRule, byRule[0]])).toBe('(root): Too big: expected array to have <=1000 items');
    expect(problems(releasedByRuleSchema, [{ rule: 'r'.repeat(129), released: -1 }])).toBe(`0.rule: ${TOO_BIG_128}; 0.released: Too small: expected number to be >=0`);
    expect(problems(releasedByRuleSchema, [{ rule: 'r', released: 1, rows: [] }])).toBe('0: Unrecognized key: "rows"');
  });
});
