import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EXPECTATION_ACTIONS, EXPECTATION_ID, expectationId, expectationOverrideSchema, qualitySettingsSchema } from './expectations';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const ID_MESSAGE = "must be like 'npi.check_digit', 'npi.check_digit:billing_npi' or 'custom.high_paid'";

describe('expectation ids', () => {
  it.each([
    'a',
    'npi',
    'npi1',
    'a_',
    'npi.check_digit',
    'npi.check_digit:billing_npi',
    'npi:billing_npi',
    'custom.high_paid',
    'a.b.c',
    'a.1',
    'a._',
    'a.b:c',
    'a:_',
    'a:1',
    'business.freshness',
    `a${'b'.repeat(127)}`,
  ])('accepts %s', (id) => {
    expect(EXPECTATION_ID.test(id)).toBe(true);
    expect(expectationId.parse(id)).toBe(id);
  });

  it.each([
    '',
    '1npi',
    '_npi',
    'Npi',
    'npi.Check',
    'npi.',
    'npi..x',
    '.npi',
    'npi:',
    'npi:a:b',
    'npi:a.b',
    'npi:Col',
    'npi-check',
    'npi check',
    'npi.check!',
    'x npi',
    'npi\n',
  ])('refuses %j with a message giving examples', (id) => {
    expect(EXPECTATION_ID.test(id)).toBe(false);
    expect(problems(expectationId, id)).toBe(`(root): ${ID_MESSAGE}`);
  });

  it('refuses an id of 129 characters', () => {
    expect(problems(expectationId, `a${'b'.repeat(128)}`)).toBe('(root): Too big: expected string to have <=128 characters');
  });
});

describe('expectationOverrideSchema', () => {
  it('changes a default expectation by id alone', () => {
    expect(expectationOverrideSchema.parse({ id: 'npi.check_digit' })).toEqual({ id: 'npi.check_digit' });
    expect(expectationOverrideSchema.parse({ id: 'npi.check_digit', enabled: false })).toEqual({ id: 'npi.check_digit', enabled: false });
  });

  it('names the actions of Delta Live Tables', () => {
    expect(EXPECTATION_ACTIONS).toEqual(['warn', 'drop', 'fail']);
  });

  it.each(['warn', 'drop', 'fail'])('accepts the action %s', (action) => {
    expect(expectationOverrideSchema.parse({ id: 'a', action })).toEqual({ id: 'a', action });
  });

  it('refuses an unknown action', () => {
    expect(problems(expectationOverrideSchema, { id: 'a', action: 'quarantine' })).toBe('action: Invalid option: expected one of "warn"|"drop"|"fail"');
  });

  it('defines a new expectation with safe SQL and a description of up to 200 characters', () => {
    const override = { id: 'custom.positive', sql: 'paid_amount >= 0', action: 'drop', description: 'd'.repeat(200) };
    expect(expectationOverrideSchema.parse(override)).toEqual(override);
    expect(problems(expectationOverrideSchema, { ...override, description: 'd'.repeat(201) })).toBe('description: Too big: expected string to have <=200 characters');
  });

  it.each([
    ["read_text('/etc/passwd') <> ''", "sql: calls 'read_text', which is not an allowed function"],
    ['paid_amount > 0; DROP TABLE claims', "sql: contains the character ';'"],
    ['(SELECT 1) = 1', "sql: uses 'SELECT': only a single expression over the row is allowed"],
    ['  ', 'sql: must not be empty'],
  ])('refuses the SQL %j with what is wrong with it', (sql, message) => {
    expect(problems(expectationOverrideSchema, { id: 'custom.x', sql })).toBe(message);
  });

  it('refuses SQL that is not a string', () => {
    expect(problems(expectationOverrideSchema, { id: 'a', sql: 1 })).toBe('sql: Invalid input: expected string, received number');
  });

  it('requires the id and refuses unknown keys', () => {
    expect(problems(expectationOverrideSchema, { action: 'warn' })).toBe('id: Invalid input: expected string, received undefined');
    expect(problems(expectationOverrideSchema, { id: 'a', enabled: 'no' })).toBe('enabled: Invalid input: expected boolean, received string');
    expect(problems(expectationOverrideSchema, { id: 'a', threshold: 3 })).toBe('(root): Unrecognized key: "threshold"');
  });
});

describe('qualitySettingsSchema', () => {
  it('defaults to no overrides', () => {
    expect(qualitySettingsSchema.parse({})).toEqual({ expectations: [] });
  });

  it('keeps overrides and the optional settings', () => {
    const settings = {
      expectations: [{ id: 'npi.check_digit', action: 'warn' }, { id: 'custom.positive', sql: 'paid_amount >= 0' }],
      freshnessMaxDays: 30,
      eligibilityTable: 'eligibility',
      providerTable: 'providers_2026',
      claimTables: ['professional_claims', 'edi_claims'],
    };
    expect(qualitySettingsSchema.parse(settings)).toEqual(settings);
  });

  it('refuses an id given twice, at the repeat, naming the id', () => {
    expect(problems(qualitySettingsSchema, { expectations: [{ id: 'a.b' }, { id: 'c' }, { id: 'a.b', action: 'fail' }] })).toBe("expectations.2.id: repeats 'a.b'");
    expect(problems(qualitySettingsSchema, { expectations: [{ id: 'a' }, { id: 'a' }, { id: 'a' }] })).toBe(
      "expectations.1.id: repeats 'a'; expectations.2.id: repeats 'a'",
    );
  });

  it('tells a column-level override from a rule-wide one', () => {
    const expectations = [{ id: 'npi.check_digit' }, { id: 'npi.check_digit:billing_npi' }];
    expect(qualitySettingsSchema.parse({ expectations }).expectations).toEqual(expectations);
  });

  it('takes up to 200 overrides', () => {
    const expectations = Array.from({ length: 200 }, (_, index) => ({ id: `custom.e${index}` }));
    expect(qualitySettingsSchema.parse({ expectations }).expectations).toHaveLength(200);
    expect(problems(qualitySettingsSchema, { expectations: [...expectations, { id: 'custom.extra' }] })).toBe(
      'expectations: Too big: expected array to have <=200 items',
    );
  });

  it('names the override at fault', () => {
    expect(problems(qualitySettingsSchema, { expectations: [{ id: 'a' }, { id: 'b', sql: 'secret()' }] })).toBe(
      "expectations.1.sql: calls 'secret', which is not an allowed function",
    );
  });

  it('takes freshnessMaxDays as a whole number of days from 1 to 3650', () => {
    for (const days of [1, 3650]) expect(qualitySettingsSchema.parse({ freshnessMaxDays: days }).freshnessMaxDays).toBe(days);
    expect(problems(qualitySettingsSchema, { freshnessMaxDays: 0 })).toBe('freshnessMaxDays: Too small: expected number to be >=1');
    expect(problems(qualitySettingsSchema, { freshnessMaxDays: 3651 })).toBe('freshnessMaxDays: Too big: expected number to be <=3650');
    expect(problems(qualitySettingsSchema, { freshnessMaxDays: 1.5 })).toBe('freshnessMaxDays: Invalid input: expected int, received number');
  });

  it.each(['eligibilityTable', 'providerTable'] as const)('takes %s as a plain lower-case table name of up to 63 characters', (field) => {
    for (const name of ['t', '_t', 't1_x', 'x'.repeat(63)]) expect(qualitySettingsSchema.parse({ [field]: name })[field]).toBe(name);
    for (const name of ['', 'x'.repeat(64), 'Providers', '1t', 'cat.silver.providers', 'providers;', 'x providers']) {
      expect(problems(qualitySettingsSchema, { [field]: name })).toBe(`${field}: Invalid string: must match pattern /^[a-z_][a-z0-9_]{0,62}$/`);
    }
  });

  it('takes one to eight claim tables to reconcile remittances against, each a plain table name', () => {
    expect(problems(qualitySettingsSchema, { claimTables: [] })).toBe('claimTables: Too small: expected array to have >=1 items');
    expect(problems(qualitySettingsSchema, { claimTables: Array.from({ length: 9 }, (_, n) => `t${n}`) })).toBe('claimTables: Too big: expected array to have <=8 items');
    expect(problems(qualitySettingsSchema, { claimTables: ['claims', 'silver.claims'] })).toBe('claimTables.1: Invalid string: must match pattern /^[a-z_][a-z0-9_]{0,62}$/');
  });

  it('refuses unknown keys', () => {
    expect(problems(qualitySettingsSchema, { expectations: [], threshold: 0.9 })).toBe('(root): Unrecognized key: "threshold"');
  });
});
