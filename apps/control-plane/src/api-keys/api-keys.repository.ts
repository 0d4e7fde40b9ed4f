import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { ApiKey } from './api-key.entity';

@Injectable()
export class ApiKeysRepository extends TenantScopedRepository<ApiKey> {
  constructor(
    @InjectRepository(ApiKey) repository: Repository<ApiKey>,
    private readonly scope: DatabaseScope,
  ) {
    super(repository);
  }

  /** Newest first, revoked keys included. */
  list(tenantId: string): Promise<ApiKey[]> {
    return this.find(tenantId, { order: { createdAt: 'DESC' } });
  }

  /**
   * The key with this public prefix, whichever tenant holds it: the request does not name its
   * tenant until its key is found, so this one lookup runs in platform scope.
   */
  findByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.scope.asPlatform('api key lookup', (tx) => tx.getRepository(ApiKey).findOneBy({ prefix }));
  }

  /** Records use at most once a minute per key, so a busy client does not write on every request. */
  async touchLastUsed(tenantId: string, id: string): Promise<void> {
    await this.query(
      tenantId,
      `UPDATE api_keys SET last_used_at = now()
        WHERE tenant_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tenantId, id],
    );
  }
}
