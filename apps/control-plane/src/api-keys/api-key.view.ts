import type { ApiKey } from './api-key.entity';

export function apiKeyStatus(key: ApiKey, now = new Date()): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  return 'active';
}

/** Never the secret nor its hash: `key` (the whole key) exists only in the answer that created it. */
export function apiKeyView(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    status: apiKeyStatus(key),
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

export function createdApiKeyView(key: ApiKey, secretKey: string) {
  return { ...apiKeyView(key), key: secretKey };
}
