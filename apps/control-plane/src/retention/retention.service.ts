import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RETENTION_PURGED_ACTION, type AuditDetails, type AuditEventInput } from '../audit/audit-event';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { RetentionConfig } from '../config/retention.config';
import { DatabaseScope } from '../database/database-scope';
import { deleteExpiredRefreshTokens, isOnLegalHold, RetentionRepository, type RemovedCounts } from './retention.repository';

const DAY_MS = 24 * 3600 * 1000;

export type TenantRetentionResult =
  | { tenantId: string; status: 'applied'; removed: RemovedCounts }
  | { tenantId: string; status: 'legal_hold' }
  | { tenantId: string; status: 'failed' };

export interface RetentionSummary {
  runsBefore: string;
  auditBefore: string;
  tenants: TenantRetentionResult[];
  platformAuditEventsPurged: number;
}

/**
 * Applies the retention periods: for each tenant not on legal hold, in one transaction of that
 * tenant's scope, deletes finished pipeline runs older than RUN_HISTORY_RETENTION_DAYS (their
 * dependent rows cascade), purges the audit chain's prefix older than AUDIT_RETENTION_DAYS through
 * purge_audit_events, deletes expired refresh tokens, and appends what it removed to the chain (`audit.retention_purged` with the
 * anchor, then `retention.applied` with counts per table). Each tenant in its own try/catch; the
 * platform chain last.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('retention');

  constructor(
    private readonly config: RetentionConfig,
    private readonly repository: RetentionRepository,
    private readonly audit: AuditLogRepository,
    private readonly scope: DatabaseScope,
  ) {}

  async applyRetention(now: Date = new Date()): Promise<RetentionSummary> {
    const runsBefore = new Date(now.getTime() - this.config.runHistoryRetentionDays * DAY_MS);
    const auditBefore = new Date(now.getTime() - this.config.auditRetentionDays * DAY_MS);
    const results: TenantRetentionResult[] = [];
    for (const tenant of await this.repository.tenants()) {
      if (tenant.legalHold) {
        results.push({ tenantId: tenant.id, status: 'legal_hold' });
        continue;
      }
      try {
        results.push(await this.scope.forTenant(tenant.id, (tx) => this.applyToTenant(tx, tenant.id, now, runsBefore, auditBefore)));
      } catch (error) {
        results.push({ tenantId: tenant.id, status: 'failed' });
        this.logger.error({ msg: 'retention failed for a tenant', tenantId: tenant.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    const platformPurged = await this.scope.asPlatform('retention: the platform audit chain', async (tx) => {
      const purged = await this.purgeChain(tx, null, auditBefore);
      const operatorRefreshTokens = await deleteExpiredRefreshTokens(tx, null, now);
      await this.audit.appendIn(
        tx,
        systemEvent(null, 'retention.applied', {
          auditBefore: auditBefore.toISOString(),
          runsBefore: runsBefore.toISOString(),
          audit_events: purged,
          refresh_tokens: operatorRefreshTokens,
          tenantsApplied: results.filter((r) => r.status === 'applied').length,
          tenantsOnLegalHold: results.filter((r) => r.status === 'legal_hold').length,
          tenantsFailed: results.filter((r) => r.status === 'failed').length,
        }),
      );
      return purged;
    });
    const summary = { runsBefore: runsBefore.toISOString(), auditBefore: auditBefore.toISOString(), tenants: results, platformAuditEventsPurged: platformPurged };
    this.logger.log({ msg: 'retention applied', tenants: results.length, failed: results.filter((r) => r.status === 'failed').length });
    return summary;
  }

  private async applyToTenant(tx: EntityManager, tenantId: string, now: Date, runsBefore: Date, auditBefore: Date): Promise<TenantRetentionResult> {
    // Re-checked under a row lock: a hold set after the tenant list was read still wins.
    if (await isOnLegalHold(tx, tenantId)) return { tenantId, status: 'legal_hold' };
    const removed = await this.repository.deleteExpiredRuns(tx, tenantId, runsBefore);
    removed.refresh_tokens = await deleteExpiredRefreshTokens(tx, tenantId, now);
    removed.audit_events = await this.purgeChain(tx, tenantId, auditBefore);
    await this.audit.appendIn(
      tx,
      systemEvent(tenantId, 'retention.applied', { runsBefore: runsBefore.toISOString(), auditBefore: auditBefore.toISOString(), ...removed }),
    );
    return { tenantId, status: 'applied', removed };
  }

  /** Purges a chain's old prefix and, when anything went, records the anchor the verifier needs. */
  private async purgeChain(tx: EntityManager, tenantId: string | null, before: Date): Promise<number> {
    const purge = await this.audit.purgeIn(tx, tenantId, before);
    if (purge.purged > 0 && purge.lastSeq !== null && purge.lastHash !== null) {
      await this.audit.appendIn(
        tx,
        systemEvent(tenantId, RETENTION_PURGED_ACTION, { purgedThroughSeq: purge.lastSeq, anchorHash: purge.lastHash, purged: purge.purged, before: before.toISOString() }),
      );
    }
    return purge.purged;
  }
}

function systemEvent(tenantId: string | null, action: string, details: AuditDetails): AuditEventInput {
  return {
    tenantId,
    actorType: 'system',
    actorId: 'retention',
    actorRole: null,
    action,
    resourceType: 'retention',
    resourceId: null,
    outcome: 'success',
    statusCode: null,
    requestId: null,
    clientIp: null,
    details,
  };
}
