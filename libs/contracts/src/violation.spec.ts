import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractViolation, describeIssues } from './violation';

describe('ContractViolation', () => {
  it('is an Error that names itself, so logs and retries can tell it apart', () => {
    const violation = new ContractViolation('bad');
    expect(violation).toBeInstanceOf(Error);
    expect(violation.name).toBe('ContractViolation');
    expect(violation.message).toBe('bad');
    expect(String(violation)).toBe('ContractViolation: bad');
  });
});

describe('describeIssues', () => {
  const schema = z.object({ patient: z.object({ name: z.string().max(3) }).strict(), codes: z.array(z.string().max(2)) }).strict();

  it('names each field by its dotted path, array indexes included, and joins issues with "; "', () => {
    const result = schema.safeParse({ patient: { name: 'Zebediah' }, codes: ['ok', 'Alabaster'] });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!.issues)).toBe(
      'patient.name: Too big: expected string to have <=3 characters; codes.1: Too big: expected string to have <=2 characters',
    );
  });

  it('says (root) for an issue about the whole value', () => {
    const result = schema.safeParse('Zebediah');
    expect(describeIssues(result.error!.issues)).toBe('(root): Invalid input: expected object, received string');
  });

  it('never echoes a value, not even an unrecognized key’s', () => {
    const result = schema.safeParse({ patient: { name: 'Zebediah' }, codes: ['Alabaster'], ssn: '123-45-6789' });
    const text = describeIssues(result.error!.issues);
    for (const value of ['Zebediah', 'Alabaster', '123-45-6789']) expect(text).not.toContain(value);
  });

  it('is empty for no issues', () => {
    expect(describeIssues([])).toBe('');
  });
});
