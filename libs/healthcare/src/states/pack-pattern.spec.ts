import { describe, expect, it } from 'vitest';
import { packPatternProblem } from './state-pack.schema';

describe('packPatternProblem', () => {
  it.each(['^[A-Z]{2}[0-9]{5}[A-Z]$', '^[0-9]{8}[A-Z]$', '^\\d{9}$', '^[A-Z0-9]{6,20}$', '^(?:[0-9]{10}|[A-Z]{2}[0-9]{9})$'])(
    'accepts %s',
    (pattern) => expect(packPatternProblem(pattern)).toBeNull(),
  );

  it.each([
    ['[0-9]{9}$', /anchored/],
    ['^[0-9]{9}', /anchored/],
    ['^[0-9]{9}\\$', /anchored/],
    ['^(?=[0-9])[0-9]{9}$', /./],
    ['^([0-9])\\1$', /./],
    ['^.{9}$', /./],
    ['^\\s*[0-9]$', /./],
    ['^[^0-9]{9}$', /./],
    ['^[0-9]{1001}$', /./],
    ['^([0-9]$', /./],
  ])('rejects %s', (pattern, reason) => expect(packPatternProblem(pattern)).toMatch(reason));
});
