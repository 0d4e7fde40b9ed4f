import { describe, expect, it } from 'vitest';
import { fullMatch } from './full-match-pattern';
import { PortableRegexError, portableRegexBody } from './portable-regex';

describe('portableRegexBody', () => {
  it.each([
    ['^[A-Z]{2}[0-9]{8}$', '[A-Z]{2}[0-9]{8}'],
    ['\\d{9}[A-Z]?', '\\d{9}[A-Z]?'],
    ['^(?:MA|MB)-\\d{4,6}$', '(?:MA|MB)-\\d{4,6}'],
    ['[\\w-]+', '[\\w-]+'],
    ['[ \\t\\r\\n]*', '[ \\t\\r\\n]*'],
    ['a\\$', 'a\\$'],
    ['a\\\\$', 'a\\\\'],
    ['(a|b){1,1000}?', '(a|b){1,1000}?'],
  ])('keeps %j as %j', (source, body) => {
    expect(portableRegexBody(source)).toBe(body);
  });

  it.each([
    ['.', 'dot'],
    ['[^0-9]', 'negated class'],
    ['\\D', 'negated shorthand'],
    ['\\s', 'Unicode-dependent space'],
    ['\\bA', 'word boundary'],
    ['(a)\\1', 'backreference'],
    ['(?=a)a', 'lookahead'],
    ['(?i)a', 'inline flag'],
    ['(?<id>a)', 'named group'],
    ['[[:alpha:]]', 'POSIX class'],
    ['[]a]', 'leading ] in a class'],
    ['[z-a]', 'reversed range'],
    ['[\\d-z]', 'range from a shorthand'],
    ['a{1001}', 'repeat count over RE2 limit'],
    ['a{2,1}', 'reversed repeat'],
    ['a{,3}', 'bare {'],
    ['a**', 'double quantifier'],
    ['*a', 'nothing to repeat'],
    ['(a', 'unclosed group'],
    ['a)', 'unbalanced )'],
    ['a^b', 'anchor in the middle'],
    ['^a$|^b$', 'anchor per alternative'],
    ['é', 'non-ASCII literal'],
  ])('refuses %j (%s)', (source) => {
    expect(() => portableRegexBody(source)).toThrow(PortableRegexError);
  });
});

describe('FullMatchPattern', () => {
  it('matches the whole value only', () => {
    const pattern = fullMatch('a|ab');
    expect(pattern.test('ab')).toBe(true);
    expect(pattern.test('abc')).toBe(false);
    expect(pattern.test('ab\n')).toBe(false);
    expect(pattern.sql('x')).toBe("regexp_full_match(x, 'a|ab')");
  });

  it("quotes the pattern as a SQL literal", () => {
    expect(fullMatch("O'[A-Z]").sql('x')).toBe("regexp_full_match(x, 'O''[A-Z]')");
  });
});
