import { describe, expect, it } from 'vitest';
import { portablePatternProblem } from './portable-pattern';

describe('portablePatternProblem', () => {
  it.each([
    '^[A-Z]{2}[0-9]{5}[A-Z]$',
    '^[0-9]{8}[A-Z]$',
    '^\\d{9}$',
    '^[A-Z0-9]{6,20}$',
    '^(?:[0-9]{10}|[A-Z]{2}[0-9]{9})$',
    '^([A-Z][0-9])+-?[0-9]{2,}$',
    '^[0-9][A-Z\\-]*$',
    '^ID\\.[0-9]{4}$',
  ])('accepts %s', (pattern) => expect(portablePatternProblem(pattern)).toBeNull());

  it.each([
    ['[0-9]{9}$', /start with/],
    ['^[0-9]{9}', /end with/],
    ['^[0-9]{9}\\$', /end with/],
    ['^[0-9]{9}|[A-Z]{9}$', /inside a group/],
    ['^(?=[0-9])[0-9]{9}$', /lookarounds/],
    ['^(?<id>[0-9]{9})$', /lookarounds or named groups/],
    ['^([0-9])\\1$', /only \\d/],
    ['^.{9}$', /not allowed/],
    ['^\\w{9}$', /only \\d/],
    ['^\\s*[0-9]$', /only \\d/],
    ['^[0-9]+?$', /one quantifier/],
    ['^[0-9]{2,1}$', /n <= m/],
    ['^[0-9]{1001}$', /n <= m/],
    ['^[9-0]$', /range/],
    ['^[^0-9]{9}$', /negated/],
    ['^[]$', /empty|unclosed/],
    ['^([0-9]$', /unclosed/],
    ['^[0-9$', /unclosed/],
    ['^[0-9]{3$', /malformed/],
  ])('rejects %s', (pattern, reason) => expect(portablePatternProblem(pattern)).toMatch(reason));
});
