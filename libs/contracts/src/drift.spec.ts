import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DRIFT_DECISIONS, DRIFT_KINDS, driftChangeSchema, driftReportSchema, schemaColumnSchema } from './drift';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const fingerprint = 'a'.repeat(64);
const report = {
  file: 'claims/2026-01.csv',
  table: 'healthcare_data.bronze.claims',
  mode: 'addNewColumns',
  fingerprint,
  previousFingerprint: '0123456789abcdef'.repeat(4),
  columns: [{ name: 'claim_id', type: 'varchar' }],
  changes: [{ kind: 'added', column: 'claim_id', toType: 'varchar' }],
  decision: 'evolved',
};

describe('schemaColumnSchema', () => {
  it('takes a name of 1 to 256 characters and a type of 1 to 64', () => {
    const widest = { name: 'n'.repeat(256), type: 't'.repeat(64) };
    expect(schemaColumnSchema.parse(widest)).toEqual(widest);
    expect(schemaColumnSchema.parse({ name: 'n', type: 't' })).toEqual({ name: 'n', type: 't' });
    expect(problems(schemaColumnSchema, { name: '', type: '' })).toBe(
      'name: Too small: expected string to have >=1 characters; type: Too small: expected string to have >=1 characters',
    );
    expect(problems(schemaColumnSchema, { name: 'n'.repeat(257), type: 't'.repeat(65) })).toBe(
      'name: Too big: expected string to have <=256 characters; type: Too big: expected string to have <=64 characters',
    );
  });

  it('takes header names as they are (they describe the layout, not the data)', () => {
    expect(schemaColumnSchema.parse({ name: 'Patient First Name', type: 'VARCHAR(40)' })).toEqual({ name: 'Patient First Name', type: 'VARCHAR(40)' });
  });

  it('refuses unknown keys', () => {
    expect(problems(schemaColumnSchema, { name: 'a', type: 'b', sample: 'Zebediah' })).toBe('(root): Unrecognized key: "sample"');
  });
});

describe('driftChangeSchema', () => {
  it('names every kind of change', () => {
    expect(DRIFT_KINDS).toEqual(['added', 'removed', 'renamed', 'widened', 'narrowed', 'incompatible']);
  });

  it.each(DRIFT_KINDS)('accepts %s', (kind) => {
    expect(driftChangeSchema.parse({ kind, column: 'c' })).toEqual({ kind, column: 'c' });
  });

  it('refuses an unknown kind', () => {
    expect(problems(driftChangeSchema, { kind: 'changed', column: 'c' })).toBe(
      'kind: Invalid option: expected one of "added"|"removed"|"renamed"|"widened"|"narrowed"|"incompatible"',
    );
  });

  it('carries the previous column and both types when given, each within its limit', () => {
    const renamed = { kind: 'renamed', column: 'c'.repeat(256), previousColumn: 'p'.repeat(256), fromType: 'f'.repeat(64), toType: 't'.repeat(64) };
    expect(driftChangeSchema.parse(renamed)).toEqual(renamed);
    expect(problems(driftChangeSchema, { ...renamed, column: 'c'.repeat(257), previousColumn: 'p'.repeat(257), fromType: 'f'.repeat(65), toType: '' })).toBe(
      [
        'column: Too big: expected string to have <=256 characters',
        'previousColumn: Too big: expected string to have <=256 characters',
        'fromType: Too big: expected string to have <=64 characters',
        'toType: Too small: expected string to have >=1 characters',
      ].join('; '),
    );
  });

  it('requires kind and column, and nothing else', () => {
    expect(problems(driftChangeSchema, { kind: 'added' })).toBe('column: Invalid input: expected string, received undefined');
    expect(problems(driftChangeSchema, { kind: 'added', column: '' })).toBe('column: Too small: expected string to have >=1 characters');
    expect(problems(driftChangeSchema, { kind: 'added', column: 'c', value: 'x' })).toBe('(root): Unrecognized key: "value"');
  });
});

describe('driftReportSchema', () => {
  it('accepts a report, and a first one without a previous fingerprint', () => {
    expect(driftReportSchema.parse(report)).toEqual(report);
    expect(driftReportSchema.parse({ ...report, previousFingerprint: null }).previousFingerprint).toBeNull();
  });

  it('requires every field', () => {
    for (const field of Object.keys(report)) {
      const { [field as keyof typeof report]: _, ...rest } = report;
      expect(problems(driftReportSchema, rest)).toMatch(new RegExp(`^${field}: Invalid`));
    }
  });

  it.each(['addNewColumns', 'rescue', 'failOnNewColumns', 'none'])('accepts the mode %s', (mode) => {
    expect(driftReportSchema.parse({ ...report, mode }).mode).toBe(mode);
  });

  it('names every decision and refuses others', () => {
    expect(DRIFT_DECISIONS).toEqual(['evolved', 'rescued', 'ignored', 'failed', 'unchanged']);
    for (const decision of DRIFT_DECISIONS) expect(driftReportSchema.parse({ ...report, decision }).decision).toBe(decision);
    expect(problems(driftReportSchema, { ...report, decision: 'dropped' })).toBe(
      'decision: Invalid option: expected one of "evolved"|"rescued"|"ignored"|"failed"|"unchanged"',
    );
    expect(problems(driftReportSchema, { ...report, mode: 'merge' })).toBe(
      'mode: Invalid option: expected one of "addNewColumns"|"rescue"|"failOnNewColumns"|"none"',
    );
  });

  it.each([
    ['upper-case hex', 'A'.repeat(64)],
    ['63 digits', 'a'.repeat(63)],
    ['65 digits', 'a'.repeat(65)],
    ['a non-hex digit', `${'a'.repeat(63)}g`],
    ['a leading character', `x${'a'.repeat(64)}`],
    ['a trailing character', `${'a'.repeat(64)}x`],
    ['empty', ''],
  ])('refuses a fingerprint with %s', (_, value) => {
    expect(problems(driftReportSchema, { ...report, fingerprint: value })).toBe('fingerprint: Invalid string: must match pattern /^[0-9a-f]{64}$/');
    expect(problems(driftReportSchema, { ...report, previousFingerprint: value })).toBe(
      'previousFingerprint: Invalid string: must match pattern /^[0-9a-f]{64}$/',
    );
  });

  it('takes a file of 1 to 1024 characters and a table of 1 to 200', () => {
    expect(driftReportSchema.parse({ ...report, file: 'f', table: 't' })).toMatchObject({ file: 'f', table: 't' });
    expect(driftReportSchema.parse({ ...report, file: 'f'.repeat(1024), table: 't'.repeat(200) })).toMatchObject({ file: 'f'.repeat(1024) });
    expect(problems(driftReportSchema, { ...report, file: '', table: '' })).toBe(
      'file: Too small: expected string to have >=1 characters; table: Too small: expected string to have >=1 characters',
    );
    expect(problems(driftReportSchema, { ...report, file: 'f'.repeat(1025), table: 't'.repeat(201) })).toBe(
      'file: Too big: expected string to have <=1024 characters; table: Too big: expected string to have <=200 characters',
    );
  });

  it('takes up to 2000 columns and 2000 changes', () => {
    const columns = Array.from({ length: 2000 }, (_, index) => ({ name: `c${index}`, type: 'varchar' }));
    const changes = columns.map((column) => ({ kind: 'added', column: column.name }));
    expect(driftReportSchema.parse({ ...report, columns, changes }).columns).toHaveLength(2000);
    expect(driftReportSchema.parse({ ...report, columns: [], changes: [] })).toMatchObject({ columns: [], changes: [] });
    expect(problems(driftReportSchema, { ...report, columns: [...columns, columns[0]], changes: [...changes, changes[0]] })).toBe(
      'columns: Too big: expected array to have <=2000 items; changes: Too big: expected array to have <=2000 items',
    );
  });

  it('checks the columns and changes it carries, by index', () => {
    expect(problems(driftReportSchema, { ...report, columns: [{ name: 'a', type: 'b' }, { name: 'a' }], changes: [{ kind: 'x', column: 'a' }] })).toBe(
      'columns.1.type: Invalid input: expected string, received undefined; changes.0.kind: Invalid option: expected one of "added"|"removed"|"renamed"|"widened"|"narrowed"|"incompatible"',
    );
  });

  it('refuses unknown keys', () => {
    expect(problems(driftReportSchema, { ...report, rows: [] })).toBe('(root): Unrecognized key: "rows"');
  });
});
