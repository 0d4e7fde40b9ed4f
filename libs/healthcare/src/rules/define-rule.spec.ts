import { describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { defineRule } from './define-rule';
import type { SqlRenderContext } from './rule';
import { testPack, TEST_AS_OF } from './test/test-packs';
import { DEFAULT_ENV } from './test/verdicts';

const CONTEXT: SqlRenderContext = { dialect: duckdbExpressions, asOf: TEST_AS_OF, statePack: testPack(), ref: (table) => `ref.${table}` };

/** A rule whose body always fails, so any pass comes from defineRule's handling of absent inputs. */
function alwaysFailing(requires: readonly ('code' | 'date')[]) {
  return defineRule({
    id: 'test.always_failing',
    family: 'code_validity',
    severity: 'error',
    roles: ['code', 'date'],
    requires,
    description: 'A rule used to test defineRule: its body fails every record.',
    message: 'Always fails',
    test: () => false,
    sql: ({ code, date }) => `${code} = ${date} AND FALSE`,
  });
}

describe('defineRule', () => {
  it('passes a record whose required input is null or missing altogether, without asking the body', () => {
    const rule = alwaysFailing(['code']);
    expect(rule.test({ code: null, date: '2025-01-01' }, DEFAULT_ENV)).toBe(true);
    expect(rule.test({ date: '2025-01-01' } as never, DEFAULT_ENV)).toBe(true);
    expect(rule.test({ code: 'A00', date: null }, DEFAULT_ENV)).toBe(false);
    expect(rule.test({ code: '', date: null }, DEFAULT_ENV)).toBe(false);
  });

  it('renders SQL that is TRUE where a required input is NULL, whatever the body says', () => {
    expect(alwaysFailing(['code', 'date']).sql({ code: 'c.code', date: 'lower(c.d)' }, CONTEXT)).toBe(
      'c.code IS NULL OR (lower(c.d)) IS NULL OR (c.code = (lower(c.d)) AND FALSE)',
    );
    expect(alwaysFailing([]).sql({ code: 'c.code', date: 'c.d' }, CONTEXT)).toBe('c.code = c.d AND FALSE');
  });

  it.each([
    ['missing', { code: 'c.code' }],
    ['empty', { code: 'c.code', date: '' }],
    ['blank', { code: 'c.code', date: '  ' }],
  ])('refuses to render when a role has no SQL expression (%s)', (_how, inputs) => {
    expect(() => alwaysFailing(['code']).sql(inputs as never, CONTEXT)).toThrow(
      new RangeError("rule test.always_failing needs a SQL expression for its 'date' input (use NULL when absent)"),
    );
  });

  it('keeps the definition as the rule describes itself', () => {
    const rule = alwaysFailing(['code']);
    expect(rule).toMatchObject({ id: 'test.always_failing', family: 'code_validity', severity: 'error', roles: ['code', 'date'], requires: ['code'], message: 'Always fails' });
  });
});
