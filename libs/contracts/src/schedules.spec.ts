import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cronExpression, isValidCron, SCHEDULED_RUN_JOB, scheduledRunSchema } from './schedules';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const CRON_MESSAGE = '(root): must be a five-field cron expression, e.g. "0 6 * * *"';

describe('isValidCron', () => {
  it.each([
    '0 6 * * *',
    '* * * * *',
    '*/15 * * * 1-5',
    '59 23 31 12 7',
    '0 0 1 1 0',
    '0,30 8-17 * * MON-FRI',
    '0 6 * JAN,JUL *',
    '  0 6 * * *  ',
    '0  6 * * *',
    '0\t6 * * *',
  ])('accepts %j', (expression) => {
    expect(isValidCron(expression)).toBe(true);
  });

  it.each([
    ['60 * * * *', 'a minute out of range'],
    ['0 24 * * *', 'an hour out of range'],
    ['0 0 0 * *', 'day of month 0'],
    ['0 0 32 * *', 'day of month 32'],
    ['0 0 * 13 *', 'month 13'],
    ['0 0 * * 8', 'day of week 8'],
    ['* * 31 2 *', 'a day February never has'],
    ['0 0 6 * * *', 'six fields (seconds)'],
    ['0 6 * *', 'four fields'],
    ['@daily', 'a macro'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['a b c d e', 'five words'],
  ])('refuses %j (%s)', (expression) => {
    expect(isValidCron(expression)).toBe(false);
  });
});

describe('cronExpression', () => {
  it('accepts a valid expression as is', () => {
    expect(cronExpression.parse('0 6 * * *')).toBe('0 6 * * *');
  });

  it('refuses an invalid one with a message giving an example, not the value', () => {
    expect(problems(cronExpression, '61 * * * *')).toBe(CRON_MESSAGE);
    expect(problems(cronExpression, '0 0 6 * * *')).toBe(CRON_MESSAGE);
  });

  it('accepts 120 characters and refuses 121, even of a valid expression', () => {
    const at120 = `0${' '.repeat(112)}6 * * *`;
    const at121 = `0${' '.repeat(113)}6 * * *`;
    expect(at120).toHaveLength(120);
    expect(isValidCron(at121)).toBe(true);
    expect(cronExpression.parse(at120)).toBe(at120);
    expect(problems(cronExpression, at121)).toBe('(root): Too big: expected string to have <=120 characters');
  });
});

describe('scheduled runs', () => {
  const run = { tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', pipelineId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479' };

  it('carries ids only, under the job name the scheduler queue uses', () => {
    expect(SCHEDULED_RUN_JOB).toBe('pipeline.scheduled');
    expect(scheduledRunSchema.parse(run)).toEqual(run);
  });

  it.each(['tenantId', 'pipelineId'] as const)('requires %s as a uuid', (field) => {
    const { [field]: _, ...rest } = run;
    expect(problems(scheduledRunSchema, rest)).toBe(`${field}: Invalid input: expected string, received undefined`);
    expect(problems(scheduledRunSchema, { ...run, [field]: 'not-a-uuid' })).toBe(`${field}: Invalid UUID`);
  });

  it('refuses unknown keys', () => {
    expect(problems(scheduledRunSchema, { ...run, cron: '0 6 * * *' })).toBe('(root): Unrecognized key: "cron"');
  });
});
