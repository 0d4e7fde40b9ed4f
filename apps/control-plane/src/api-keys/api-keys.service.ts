import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { generateApiKey } from './api-key-format';
import { ApiKey } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';

const DAY_MS = 24 * 3600 * 1000;

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The whole key, returned this once and stored nowhere. */
  key: string;
}

/** A tenant's API keys: created by its admins, shown once, revoked but never deleted (for the audit trail). */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger('ApiKeys');

  constructor(private readonly keys: ApiKeysRepository) {}

  async create(tenantId: string, createdBy: string, dto: CreateApiKeyDto): Promise<CreatedApiKey> {
    const generated = generateApiKey();
    const now = new Date();
    const apiKey = Object.assign(new ApiKey(), {
      id: randomUUID(),
      tenantId,
      name: dto.name,
      prefix: generated.prefix,
      keyHash: generated.secretHash,
      scopes: dto.scopes,
      createdBy,
      createdAt: now,
      expiresAt: dto.expiresInDays ? new Date(now.getTime() + dto.expiresInDays * DAY_MS) : null,
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.keys.insert(tenantId, apiKey);
    this.logger.log({ msg: 'api key created', tenantId, apiKeyId: apiKey.id, prefix: apiKey.prefix, scopes: apiKey.scopes, createdBy });
    return { apiKey, key: generated.key };
  }

  list(tenantId: string): Promise<ApiKey[]> {
    return this.keys.list(tenantId);
  }

  async get(tenantId: string, id: string): Promise<ApiKey> {
    const apiKey = await this.keys.findById(tenantId, id);
    if (!apiKey) throw new NotFoundError('api key');
    return apiKey;
  }

  /** Revoking a revoked key changes nothing and is not an error. */
  async revoke(tenantId: string, id: string, revokedBy: string): Promise<void> {
    const apiKey = await this.get(tenantId, id);
    if (apiKey.revokedAt) return;
    apiKey.revokedAt = new Date();
    await this.keys.save(tenantId, apiKey);
    this.logger.log({ msg: 'api key revoked', tenantId, apiKeyId: id, revokedBy });
  }
}
