import { describe, expect, it } from 'vitest';
import { databricksExpressions, duckdbExpressions, expressionDialect } from './expression-dialect';
import { PortableRegexError } from './portable-regex';

describe('expression dialects', () => {
  it('are found by engine name', () => {
    expect(expressionDialect('duckdb')).toBe(duckdbExpressions);
    expect(expressionDialect('databricks')).toBe(databricksExpressions);
  });

  it('anchor a full match in Spark with \\z, since Java reads $ as also before a final line break', () => {
    expect(duckdbExpressions.fullMatch('x', '[0-9]{2}|A')).toBe("regexp_full_match(x, '[0-9]{2}|A')");
    expect(databricksExpressions.fullMatch('x', '[0-9]{2}|A')).toBe("regexp_like(x, '^(?:[0-9]{2}|A)\\\\z')");
  });

  it('turn a closing $ of a partial pattern into \\z for Java and keep it for RE2', () => {
    expect(duckdbExpressions.extract('x', '\\.([0-9]*?)0*$', 1)).toBe("regexp_extract(x, '\\.([0-9]*?)0*$', 1)");
    expect(databricksExpressions.extract('x', '\\.([0-9]*?)0*$', 1)).toBe("regexp_extract(x, '\\\\.([0-9]*?)0*\\\\z', 1)");
    expect(databricksExpressions.containsMatch('x', '^-?0*([0-9]*)')).toBe("regexp_like(x, '^-?0*([0-9]*)')");
    expect(databricksExpressions.containsMatch('x', 'a\\$')).toBe("regexp_like(x, 'a\\\\$')");
  });

  it('refuse a pattern outside the portable subset in both engines', () => {
    for (const dialect of [duckdbExpressions, databricksExpressions]) {
      expect(() => dialect.fullMatch('x', 'a.b')).toThrow(PortableRegexError);
      expect(() => dialect.containsMatch('x', '(?=a)')).toThrow(PortableRegexError);
      expect(() => dialect.extract('x', '[a&&b]', 0)).toThrow(PortableRegexError);
      expect(() => dialect.rewrite('x', '\\s', '$1')).toThrow(PortableRegexError);
      expect(() => dialect.sumOfMatches('x', 'a.', 1, 'DECIMAL(18,8)')).toThrow(PortableRegexError);
    }
  });

  it('name rewrite groups \\1 in RE2 and $1 in Java, and refuse any other special text in a template', () => {
    expect(duckdbExpressions.rewrite('x', '^([0-9]{4})([0-9]{2})$', '$2/$1')).toBe("regexp_replace(x, '^([0-9]{4})([0-9]{2})$', '\\2/\\1')");
    expect(databricksExpressions.rewrite('x', '^([0-9]{4})([0-9]{2})$', '$2/$1')).toBe("regexp_replace(x, '^([0-9]{4})([0-9]{2})\\\\z', '$2/$1')");
    for (const template of ['$0', '$$', 'a\\1', '$', '${1}']) {
      for (const dialect of [duckdbExpressions, databricksExpressions]) {
        expect(() => dialect.rewrite('x', '(a)', template), template).toThrow(new RangeError(`a rewrite template may hold only literal text and $1..$9: ${template}`));
      }
    }
  });

  it('spell types, casts, division, lengths, lists, prefixes and day counts per engine', () => {
    const renderings = (dialect: typeof duckdbExpressions) => [
      dialect.cast('n', 'TEXT'),
      dialect.tryCast('v', 'INTEGER'),
      dialect.tryCast('v', 'DECIMAL(18,8)'),
      dialect.tryCast('v', 'DATE'),
      dialect.intDivide('a', 'b'),
      dialect.byteLength('v'),
      dialect.isOneOf('v', ["o'k", 'b']),
      dialect.startsWith('v', '-'),
      dialect.daysBetween('d1', 'd2'),
      dialect.string('a\\b'),
    ];
    expect(renderings(duckdbExpressions)).toEqual([
      'CAST(n AS VARCHAR)',
      'TRY_CAST(v AS INTEGER)',
      'TRY_CAST(v AS DECIMAL(18,8))',
      'TRY_CAST(v AS DATE)',
      'a // b',
      'strlen(v)',
      "list_contains(['o''k', 'b'], v)",
      "starts_with(v, '-')",
      'd2 - d1',
      "'a\\b'",
    ]);
    expect(renderings(databricksExpressions)).toEqual([
      'CAST(n AS STRING)',
      'try_cast(v AS INT)',
      'try_cast(v AS DECIMAL(18,8))',
      'try_cast(v AS DATE)',
      'a div b',
      'octet_length(v)',
      "v IN ('o\\'k', 'b')",
      "startswith(v, '-')",
      'datediff(d2, d1)',
      "'a\\\\b'",
    ]);
  });

  it('fold digits from the right with 1-based positions and index matrices from 1', () => {
    const step = (acc: string, digit: string, position: string) => `${acc} + ${digit} * ${position}`;
    expect(duckdbExpressions.foldDigitsFromRight('c', 0, step)).toBe(
      "list_reduce(list_transform(string_split(reverse(c), ''), lambda ch: CAST(ch AS INTEGER)), lambda acc, digit, position: acc + digit * position, 0)",
    );
    expect(databricksExpressions.foldDigitsFromRight('c', 0, step)).toBe(
      'aggregate(sequence(1, length(c)), 0, (acc, position) -> acc + try_cast(substr(reverse(c), position, 1) AS INT) * position)',
    );
    expect(duckdbExpressions.matrixAt(duckdbExpressions.integerMatrix([[1, 2], [3, 4]]), 'r', 'c')).toBe('[[1, 2], [3, 4]][r][c]');
    expect(databricksExpressions.matrixAt(databricksExpressions.integerMatrix([[1, 2], [3, 4]]), 'r', 'c')).toBe('element_at(element_at(array(array(1, 2), array(3, 4)), r), c)');
  });

  it('sum matched amounts with a fixed running type in Spark, whose DECIMAL sums would otherwise lose scale', () => {
    expect(databricksExpressions.sumOfMatches('t', ':([0-9]+)', 1, 'DECIMAL(18,8)')).toBe(
      "coalesce(aggregate(regexp_extract_all(t, ':([0-9]+)', 1), CAST(0 AS DECIMAL(28,8)), (acc, amount) -> CAST(acc + try_cast(amount AS DECIMAL(18,8)) AS DECIMAL(28,8))), 0)",
    );
    expect(duckdbExpressions.sumOfMatches('t', ':([0-9]+)', 1, 'DECIMAL(18,8)')).toBe(
      "coalesce(list_sum(list_transform(regexp_extract_all(t, ':([0-9]+)', 1), amount -> TRY_CAST(amount AS DECIMAL(18,8)))), 0)",
    );
  });
});
