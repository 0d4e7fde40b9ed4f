import { describe, expect, it } from 'vitest';
import { apiKeyDenial, roleForScopes, scopeForMethod } from './api-key-scopes';

describe('API key scopes', () => {
  it.each([
    ['GET', 'read'],
    ['HEAD', 'read'],
    ['get', 'read'],
    ['POST', 'write'],
    ['PUT', 'write'],
    ['PATCH', 'write'],
    ['DELETE', 'write'],
    ['OPTIONS', 'write'],
  ])('%s needs %s', (method, scope) => {
    expect(scopeForMethod(method)).toBe(scope);
  });

  it('allows a method only with its scope', () => {
    expect(apiKeyDenial(['read'], 'GET', false)).toBeNull();
    expect(apiKeyDenial(['read'], 'POST', false)).toMatch(/'write' scope/);
    expect(apiKeyDenial(['write'], 'DELETE', false)).toBeNull();
    expect(apiKeyDenial(['write'], 'GET', false)).toMatch(/'read' scope/);
    expect(apiKeyDenial(['read', 'write'], 'PATCH', false)).toBeNull();
  });

  it('never allows a human-only route', () => {
    for (const method of ['GET', 'POST', 'DELETE']) expect(apiKeyDenial(['read', 'write'], method, true)).toMatch(/cannot call this endpoint/);
  });

  it('acts as an admin only when it may write', () => {
    expect(roleForScopes(['read'])).toBe('tenant_viewer');
    expect(roleForScopes(['write'])).toBe('tenant_admin');
    expect(roleForScopes(['read', 'write'])).toBe('tenant_admin');
  });
});
