import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../common/app-error';
import { TenantsRepository } from '../tenants/tenants.repository';
import type { AuditEntry, AuditEventInput } from './audit-event';
import { AuditLogRepository } from './audit-log.repository';
import { ChainVerifier, type ChainVerification } from './audit-verifier';

const VERIFY_BATCH = 1000;

/**
 * Records audit events and reads and verifies the chains. `recordInBackground` is for the HTTP
 * trail: it never throws, logs a failure loudly (no PHI: action and ids only) and counts it;
 * shutdown waits for the writes still in flight.
 */
@Injectable()
export class AuditLogService implements OnModuleDestroy {
  private readonly logger = new Logger('audit');
  private readonly inFlight = new Set<Promise<unknown>>();
  private failures = 0;

  constructor(
    private readonly repository: AuditLogRepository,
    private readonly tenants: TenantsRepository,
  ) {}

  /** Failed audit writes since start (exposed for health checks and tests). */
  get failedWrites(): number {
    return this.failures;
  }

  /** `prepare` may look things up (e.g. which chain); any failure is logged and counted, never thrown. */
  recordInBackground(prepare: () => Promise<AuditEventInput>, context: { action: string; requestId: string | null }): void {
    const write = prepare()
      .then((input) => this.repository.append(input))
      .catch((error: unknown) => {
        this.failures += 1;
        this.logger.error({
          msg: 'audit event could not be written',
          action: context.action,
          requestId: context.requestId,
          failedWrites: this.failures,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    this.inFlight.add(write);
    void write.finally(() => this.inFlight.delete(write));
  }

  /** Resolves when every audit write started so far has ended. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  /** The chain a caller may read: a tenant admin's own; an operator's choice (platform when none). */
  async chainFor(caller: AuthUser, requestedTenantId: string | undefined): Promise<string | null> {
    if (caller.role !== 'platform_operator') {
      if (requestedTenantId !== undefined && requestedTenantId !== caller.tenantId) throw new NotFoundError('tenant');
      return caller.tenantId;
    }
    if (requestedTenantId === undefined) return null;
    if (!(await this.tenants.findById(requestedTenantId))) throw new NotFoundError('tenant');
    return requestedTenantId;
  }

  async verify(tenantId: string | null): Promise<ChainVerification> {
    return this.repository.inChainScope(tenantId, 'verify the platform audit chain', async (tx) => {
      const verifier = new ChainVerifier();
      let after = 0;
      for (;;) {
        const batch = await this.repository.chainBatch(tx, tenantId, after, VERIFY_BATCH);
        batch.forEach((entry) => verifier.push(entry));
        if (batch.length < VERIFY_BATCH) break;
        after = batch.at(-1)!.seq;
      }
      return verifier.result();
    });
  }

  list(tenantId: string | null, limit: number, beforeSeq: number | undefined): Promise<AuditEntry[]> {
    return this.repository.newest(tenantId, limit, beforeSeq);
  }
}
