import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { NotFoundError } from '../common/app-error';
import { DatabaseScope } from '../database/database-scope';
import type { LegalHoldDto } from './dto/legal-hold.dto';

export interface LegalHold {
  tenantId: string;
  enabled: boolean;
  reason: string | null;
  setAt: string | null;
}

/**
 * A legal hold stops retention for a tenant: no run history or audit event of it is deleted while
 * it is on. Setting or clearing it appends `legal_hold.enabled` / `legal_hold.disabled` to the
 * tenant's audit chain in the same transaction.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly scope: DatabaseScope,
    private readonly audit: AuditLogRepository,
  ) {}

  async set(caller: AuthUser, tenantId: string, dto: LegalHoldDto, requestId: string | null): Promise<LegalHold> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const rows: Array<{ legal_hold: boolean; legal_hold_reason: string | null; legal_hold_set_at: Date | null }> = await tx.query(
        // As a SELECT: TypeORM hands back an UPDATE's RETURNING rows wrapped with its row count.
        `WITH updated AS (
           UPDATE tenants SET legal_hold = $2, legal_hold_reason = $3, legal_hold_set_at = now(), updated_at = now()
           WHERE id = $1 RETURNING legal_hold, legal_hold_reason, legal_hold_set_at)
         SELECT * FROM updated`,
        [tenantId, dto.enabled, dto.reason],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError('tenant');
      await this.audit.appendIn(tx, {
        tenantId,
        actorType: 'user',
        actorId: caller.userId,
        actorRole: caller.role,
        action: dto.enabled ? 'legal_hold.enabled' : 'legal_hold.disabled',
        resourceType: 'tenant',
        resourceId: tenantId,
        outcome: 'success',
        statusCode: null,
        requestId,
        clientIp: null,
        details: {},
      });
      return { tenantId, enabled: row.legal_hold, reason: row.legal_hold_reason, setAt: row.legal_hold_set_at?.toISOString() ?? null };
    });
  }
}
