import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  catalogName,
  formatTableName,
  isUuid,
  parseTableName,
  RESERVED_CATALOG_NAMES,
  SQL_IDENTIFIER,
  sqlIdentifier,
  THREE_PART_TABLE_NAME,
} from './identifiers';
import { describeIssues } from './violation';

const problems = (schema: z.ZodType, value: unknown): string | null => {
  const result = schema.safeParse(value);
  return result.success ? null : describeIssues(result.error.issues);
};

const IDENTIFIER_MESSAGE = '(root): must be lower-case letters, digits and underscores, starting with a letter or underscore (max 63)';

describe('sqlIdentifier', () => {
  it.each(['a', '_', 'claims', 'claims_2026', '_staging', 'a1', 'x'.repeat(63), `a${'9'.repeat(62)}`])('accepts %s', (name) => {
    expect(SQL_IDENTIFIER.test(name)).toBe(true);
    expect(sqlIdentifier.parse(name)).toBe(name);
  });

  it.each([
    ['', 'empty'],
    ['x'.repeat(64), 'one character over the 63 limit'],
    ['Claims', 'upper case'],
    ['1claims', 'a leading digit'],
    ['claims-2026', 'a hyphen'],
    ['claims 2026', 'a space'],
    ['claims;', 'a trailing semicolon'],
    [';claims', 'a leading semicolon'],
    ['claims\n', 'a trailing newline'],
    ['"claims"', 'quotes'],
    ['clàims', 'a non-ASCII letter'],
  ])('refuses %j (%s) with a message that names the rule, not the value', (name) => {
    expect(SQL_IDENTIFIER.test(name)).toBe(false);
    expect(problems(sqlIdentifier, name)).toBe(IDENTIFIER_MESSAGE);
  });

  it('refuses what is not a string', () => {
    expect(problems(sqlIdentifier, 42)).toBe('(root): Invalid input: expected string, received number');
  });
});

describe('catalogName', () => {
  it('is refused for each name the engine keeps for itself', () => {
    expect(RESERVED_CATALOG_NAMES).toEqual(['main', 'memory', 'system', 'temp']);
    for (const name of RESERVED_CATALOG_NAMES) {
      expect(problems(catalogName, name)).toBe('(root): is reserved by the engine (main, memory, system, temp)');
    }
  });

  it.each(['healthcare_data', 'main_catalog', 'memory2', 'temp_', '_system', 'mai', 'x'.repeat(63)])('accepts %s, which only resembles a reserved name', (name) => {
    expect(catalogName.parse(name)).toBe(name);
  });

  it('still applies the identifier rule', () => {
    expect(problems(catalogName, 'Main')).toBe(IDENTIFIER_MESSAGE);
    expect(problems(catalogName, 'x'.repeat(64))).toBe(IDENTIFIER_MESSAGE);
  });
});

describe('three-part table names', () => {
  it.each([
    ['healthcare_data.silver.claims', { catalog: 'healthcare_data', schema: 'silver', table: 'claims' }],
    ['a.b.c', { catalog: 'a', schema: 'b', table: 'c' }],
    ['_c1.s2_.t_3', { catalog: '_c1', schema: 's2_', table: 't_3' }],
    [`${'c'.repeat(63)}.${'s'.repeat(63)}.${'t'.repeat(63)}`, { catalog: 'c'.repeat(63), schema: 's'.repeat(63), table: 't'.repeat(63) }],
  ])('parses %s into its parts and formats it back', (name, ref) => {
    expect(THREE_PART_TABLE_NAME.test(name)).toBe(true);
    expect(parseTableName(name)).toEqual(ref);
    expect(formatTableName(ref)).toBe(name);
  });

  it.each([
    'silver.claims',
    'claims',
    'a.b.c.d',
    'a..c',
    '.b.c',
    'a.b.',
    'A.b.c',
    'a.B.c',
    'a.b.C',
    '1a.b.c',
    'a.1b.c',
    'a.b.1c',
    'a-b.c.d',
    'a.b.c-',
    'x a.b.c',
    'a.b.c;',
    'a.b.c\n',
    'a b.c.d',
    'a.b c.d',
    'a.b.c d',
    'a/b/c',
    `${'c'.repeat(64)}.s.t`,
    `c.${'s'.repeat(64)}.t`,
    `c.s.${'t'.repeat(64)}`,
  ])('refuses %j', (name) => {
    expect(THREE_PART_TABLE_NAME.test(name)).toBe(false);
    expect(parseTableName(name)).toBeNull();
  });

  it('formats any parts it is given without checking them', () => {
    expect(formatTableName({ catalog: 'x', schema: 'y', table: 'z' })).toBe('x.y.z');
  });
});

describe('isUuid', () => {
  it.each(['1b4e28ba-2fa1-41d2-883f-0016d3cca427', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '01234567-89ab-cdef-0123-456789abcdef'])(
    'accepts the canonical form %s',
    (value) => {
      expect(isUuid(value)).toBe(true);
    },
  );

  it.each([
    ['upper case', '1B4E28BA-2FA1-41D2-883F-0016D3CCA427'],
    ['braces', '{1b4e28ba-2fa1-41d2-883f-0016d3cca427}'],
    ['no hyphens', '1b4e28ba2fa141d2883f0016d3cca427'],
    ['a leading character', 'x1b4e28ba-2fa1-41d2-883f-0016d3cca427'],
    ['a trailing character', '1b4e28ba-2fa1-41d2-883f-0016d3cca427x'],
    ['a trailing newline', '1b4e28ba-2fa1-41d2-883f-0016d3cca427\n'],
    ['a short first group', '1b4e28b-2fa1-41d2-883f-0016d3cca427'],
    ['a long first group', '1b4e28baa-2fa1-41d2-883f-0016d3cca427'],
    ['a short second group', '1b4e28ba-2fa-41d2-883f-0016d3cca427'],
    ['a short third group', '1b4e28ba-2fa1-41d-883f-0016d3cca427'],
    ['a short fourth group', '1b4e28ba-2fa1-41d2-883-0016d3cca427'],
    ['a short last group', '1b4e28ba-2fa1-41d2-883f-0016d3cca42'],
    ['a non-hex digit', '1b4e28ba-2fa1-41d2-883f-0016d3cca42g'],
    ['empty', ''],
  ])('refuses %s', (_, value) => {
    expect(isUuid(value)).toBe(false);
  });

  it('refuses what is not a string, even when it would print as a uuid', () => {
    const uuid = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(isUuid([uuid])).toBe(false);
    expect(isUuid({ toString: () => uuid })).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(null)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
