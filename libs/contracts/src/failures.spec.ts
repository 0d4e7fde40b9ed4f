import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FAILURE_CLASSES, FAILURE_CODES, failureClassOf, HEALING_ACTIONS, runFailureSchema, type FailureClass, type FailureCode } from './failures';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

/** The healing policy retries transient failures, fails fast on configuration, quarantines data. */
const EXPECTED_CLASS: Array<[FailureCode, FailureClass]> = [
  ['source_not_found', 'configuration'],
  ['source_unreadable', 'data'],
  ['schema_mismatch', 'schema'],
  ['catalog_unavailable', 'transient'],
  ['invalid_job', 'configuration'],
  ['dispatch_failed', 'transient'],
  ['transient', 'transient'],
  ['resource_exhausted', 'resource'],
  ['permission_denied', 'configuration'],
  ['expectation_failed', 'data'],
  ['mapping_needed', 'schema'],
  ['connector_refused', 'configuration'],
  ['internal', 'unknown'],
];

describe('failure codes and classes', () => {
  it('has one class for every code', () => {
    expect([...FAILURE_CODES].sort()).toEqual(EXPECTED_CLASS.map(([code]) => code).sort());
    expect(FAILURE_CLASSES).toEqual(['transient', 'schema', 'data', 'resource', 'configuration', 'unknown']);
  });

  it.each(EXPECTED_CLASS)('classes %s as %s', (code, failureClass) => {
    expect(failureClassOf(code)).toBe(failureClass);
  });

  it('lists what the healing policy can do', () => {
    expect(HEALING_ACTIONS).toEqual(['retry', 'retry_smaller_batch', 'quarantine_file', 'reject_transaction_sets', 'fail_fast', 'give_up']);
  });
});

describe('runFailureSchema', () => {
  it.each(EXPECTED_CLASS.map(([code]) => code))('accepts the code %s', (code) => {
    expect(runFailureSchema.parse({ code, message: 'm' })).toEqual({ code, message: 'm' });
  });

  it('refuses a code it does not know, listing the known ones', () => {
    expect(problems(runFailureSchema, { code: 'oops', message: '' })).toBe(
      `code: Invalid option: expected one of ${FAILURE_CODES.map((code) => `"${code}"`).join('|')}`,
    );
  });

  it('accepts a message of up to 2000 characters, an empty one too', () => {
    expect(runFailureSchema.parse({ code: 'internal', message: '' }).message).toBe('');
    expect(runFailureSchema.parse({ code: 'internal', message: 'x'.repeat(2000) }).message).toHaveLength(2000);
    expect(problems(runFailureSchema, { code: 'internal', message: 'x'.repeat(2001) })).toBe('message: Too big: expected string to have <=2000 characters');
  });

  it('requires both fields and nothing else', () => {
    expect(problems(runFailureSchema, { code: 'internal' })).toBe('message: Invalid input: expected string, received undefined');
    expect(problems(runFailureSchema, { message: 'm' })).toMatch(/^code: Invalid option/);
    expect(problems(runFailureSchema, { code: 'internal', message: 'm', stack: 'at x' })).toBe('(root): Unrecognized key: "stack"');
  });
});
