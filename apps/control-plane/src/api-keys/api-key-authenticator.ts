import { timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../auth/auth-user';
import { hashApiKeySecret, parseApiKey } from './api-key-format';
import { roleForScopes } from './api-key-scopes';
import { ApiKeysRepository } from './api-keys.repository';

/** One answer for every bad key (malformed, unknown, wrong secret, revoked, expired): the caller learns nothing. */
const invalidKey = () => new AppError('unauthorized', 'invalid or expired API key');
const NO_KEY_HASH = Buffer.alloc(32);

/** Turns a presented API key into the principal it stands for, or throws a 401. */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger('ApiKeyAuth');

  constructor(private readonly keys: ApiKeysRepository) {}

  async authenticate(presented: string): Promise<AuthUser> {
    const parsed = parseApiKey(presented);
    if (!parsed) throw invalidKey();
    const apiKey = await this.keys.findByPrefix(parsed.prefix);
    // Compared even when no key has this prefix, so both failures take the same work.
    const secretMatches = timingSafeEqual(hashApiKeySecret(parsed.secret), apiKey?.keyHash ?? NO_KEY_HASH);
    if (!apiKey || !secretMatches) throw invalidKey();
    if (apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= new Date())) {
      this.logger.warn({ msg: 'rejected api key', tenantId: apiKey.tenantId, apiKeyId: apiKey.id, reason: apiKey.revokedAt ? 'revoked' : 'expired' });
      throw invalidKey();
    }
    await this.keys.touchLastUsed(apiKey.tenantId, apiKey.id);
    // The key is its own principal: what it does is recorded under its id, not its creator's.
    return { userId: apiKey.id, tenantId: apiKey.tenantId, role: roleForScopes(apiKey.scopes), apiKeyId: apiKey.id, scopes: apiKey.scopes };
  }
}
