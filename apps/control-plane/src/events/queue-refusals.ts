import { Injectable, Logger } from '@nestjs/common';
import { isEventName, isUuid, QUEUE_ENTRY_ID, type EventData, type SealRefusal } from '@ade/contracts';
import { AuditLogRepository } from '../audit/audit-log.repository';

/** Audit actions of a queue entry refused for its seal. */
export const JOB_REFUSED_ACTION = 'queue.job_refused';
export const EVENT_REFUSED_ACTION = 'queue.event_refused';

/** An entry as it arrived, before anything in it is trusted. */
export interface RefusedEntry {
  name: string;
  id: string | undefined;
  data: unknown;
}

/**
 * Records queue entries refused for their seals. A job a worker refused goes on its tenant's
 * chain (the worker's report of it is sealed, so the tenant is known). A refused event's tenant
 * is only a claim, so it goes on the platform chain, naming the claimed tenant for the operator.
 * Nothing of the entry is quoted beyond a known name and an id of safe shape.
 */
@Injectable()
export class QueueRefusals {
  private readonly logger = new Logger(QueueRefusals.name);

  constructor(private readonly audit: AuditLogRepository) {}

  async jobRefused(report: EventData<'job.refused'>): Promise<void> {
    this.logger.warn({ msg: 'a worker refused a job without a valid seal', tenantId: report.tenantId, jobId: report.jobId, jobName: report.jobName, reason: report.reason });
    await this.audit.append({
      tenantId: report.tenantId,
      actorType: 'system',
      actorId: 'data-plane',
      actorRole: null,
      action: JOB_REFUSED_ACTION,
      resourceType: 'job',
      resourceId: report.jobId,
      outcome: 'denied',
      statusCode: null,
      requestId: null,
      clientIp: null,
      details: { jobName: report.jobName, reason: report.reason, refusedAt: report.at },
    });
  }

  async eventRefused(entry: RefusedEntry, reason: SealRefusal): Promise<void> {
    const claimedTenant = (entry.data as { tenantId?: unknown } | null)?.tenantId;
    const details = {
      eventName: isEventName(entry.name) ? entry.name : null,
      claimedTenantId: isUuid(claimedTenant) ? claimedTenant.toLowerCase() : null,
      reason,
    };
    const eventId = entry.id !== undefined && QUEUE_ENTRY_ID.test(entry.id) ? entry.id : null;
    this.logger.warn({ msg: 'refused a worker event without a valid seal', eventId, ...details });
    await this.audit.append({
      tenantId: null,
      actorType: 'system',
      actorId: null,
      actorRole: null,
      action: EVENT_REFUSED_ACTION,
      resourceType: 'event',
      resourceId: eventId,
      outcome: 'denied',
      statusCode: null,
      requestId: null,
      clientIp: null,
      details,
    });
  }
}
