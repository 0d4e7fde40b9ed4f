import { describe, expect, it } from 'vitest';
import { duckdbExpressions } from './expression-dialect';
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
    ['a\\$b$', 'a\\$b'],
    ['a{1000}', 'a{1000}'],
    ['a{2,2}', 'a{2,2}'],
    ['a{2,}', 'a{2,}'],
    ['a{2}?', 'a{2}?'],
    ['[a-a]', '[a-a]'],
    ['[a-]', '[a-]'],
    ['[ -~]+~', '[ -~]+~'],
    // One & in a class is a literal to all three engines; only && is Java's intersection.
    ['[a&b]', '[a&b]'],
    ['[&a]&&', '[&a]&&'],
  ])('keeps %j as %j', (source, body) => {
    expect(portableRegexBody(source)).toBe(body);
  });

  it.each([
    ['.', 'dot', 1, '. is not portable (UTF-16 units vs code points); use a class'],
    ['[^0-9]', 'negated class', 1, 'negated classes are not portable'],
    ['\\D', 'negated shorthand', 2, '\\D is not portable'],
    ['\\s', 'Unicode-dependent space', 2, '\\s is not portable'],
    ['[\\s]', 'Unicode-dependent space in a class', 3, '\\s is not portable inside a class'],
    ['\\bA', 'word boundary', 2, '\\b is not portable'],
    ['(a)\\1', 'backreference', 5, '\\1 is not portable'],
    ['(?=a)a', 'lookahead', 1, 'only (...) and (?:...) groups are portable'],
    ['(?i)a', 'inline flag', 1, 'only (...) and (?:...) groups are portable'],
    ['(?<id>a)', 'named group', 1, 'only (...) and (?:...) groups are portable'],
    ['[[:alpha:]]', 'POSIX class', 2, '[ inside a class is not portable (RE2 reads [:alpha:], Java a nested class)'],
    ['[]a]', 'leading ] in a class', 1, 'empty class'],
    ['[a[b]]', 'nested class (Java union)', 3, '[ inside a class is not portable (RE2 reads [:alpha:], Java a nested class)'],
    ['[a-z&&b]', 'class intersection (Java)', 5, '&& inside a class is not portable (Java reads an intersection)'],
    ['[!-&&]', 'range ending where an intersection starts', 4, '&& inside a class is not portable (Java reads an intersection)'],
    ['[a-', 'unclosed class after a dash', 3, 'pattern ends too early'],
    ['[\u0001]', 'control character in a class', 2, 'only printable ASCII is portable in a class'],
    ['[z-a]', 'reversed range', 4, 'bad class range'],
    ['[\\d-z]', 'range from a shorthand', 3, 'a range cannot start at \\d or \\w'],
    ['[é]', 'non-ASCII in a class', 2, 'only printable ASCII is portable in a class'],
    ['a{1001}', 'repeat count over RE2 limit', 1, 'repeat counts must be ordered and at most 1000'],
    ['a{2,1}', 'reversed repeat', 1, 'repeat counts must be ordered and at most 1000'],
    ['a{1,1001}', 'upper repeat count over RE2 limit', 1, 'repeat counts must be ordered and at most 1000'],
    ['a{1001,}', 'open repeat from over RE2 limit', 1, 'repeat counts must be ordered and at most 1000'],
    ['a{x}{2}', 'non-numeric count', 1, '{ must start a {n}, {n,} or {n,m} quantifier'],
    ['a{,3}', 'bare {', 1, '{ must start a {n}, {n,} or {n,m} quantifier'],
    ['a**', 'double quantifier', 2, 'a quantifier cannot follow a quantifier'],
    ['a???', 'quantifier after a lazy one', 3, 'a quantifier cannot follow a quantifier'],
    ['a+?+', 'possessive-looking quantifier', 3, 'a quantifier cannot follow a quantifier'],
    ['a{10}{2}', 'double counted quantifier', 5, 'a quantifier cannot follow a quantifier'],
    ['*a', 'nothing to repeat', 1, 'unexpected "*"'],
    ['(a', 'unclosed group', 2, 'pattern ends too early'],
    ['a)', 'unbalanced )', 1, 'unbalanced )'],
    ['a^b', 'anchor in the middle', 2, '^ is only allowed at the very start (^) or end ($): the whole value is always matched'],
    ['^a$|^b$', 'anchor per alternative', 2, '$ is only allowed at the very start (^) or end ($): the whole value is always matched'],
    ['é', 'non-ASCII literal', 1, 'unexpected "é"'],
    ['\u0001', 'control character', 1, 'unexpected "\\u0001"'],
    ['\u007f', 'DEL', 1, 'unexpected "\u007f"'],
    ['a$b', 'escaped-looking anchor', 2, '$ is only allowed at the very start (^) or end ($): the whole value is always matched'],
  ])('refuses %j (%s) at position %d: %s', (source, _what, position, reason) => {
    expect(() => portableRegexBody(source)).toThrow(new PortableRegexError(`regular expression not portable at position ${position}: ${reason}`));
  });

  it('names its error and code for callers that report it', () => {
    const error = (() => {
      try {
        portableRegexBody('.');
      } catch (thrown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(PortableRegexError);
    expect(error).toMatchObject({ name: 'PortableRegexError', code: 'regex_not_portable' });
  });
});

describe('FullMatchPattern', () => {
  it('matches the whole value only', () => {
    const pattern = fullMatch('a|ab');
    expect(pattern.test('ab')).toBe(true);
    expect(pattern.test('abc')).toBe(false);
    expect(pattern.test('ab\n')).toBe(false);
    expect(pattern.sql('x', duckdbExpressions)).toBe("regexp_full_match(x, 'a|ab')");
  });

  it('never matches an absent value, even where the text "null" or "undefined" would', () => {
    const words = fullMatch('[a-z]+');
    expect(words.test('null')).toBe(true);
    expect(words.test(null)).toBe(false);
    expect(words.test(undefined)).toBe(false);
  });

  it("quotes the pattern as a SQL literal", () => {
    expect(fullMatch("O'[A-Z]").sql('x', duckdbExpressions)).toBe("regexp_full_match(x, 'O''[A-Z]')");
  });
});
