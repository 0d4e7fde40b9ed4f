import { describe, expect, it } from 'vitest';
import type { TenantsRepository } from '../tenants/tenants.repository';
import type { AuditEventInput } from './audit-event';
import type { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';

const event: AuditEventInput = {
  tenantId: null,
  actorType: 'user',
  actorId: null,
  actorRole: null,
  action: 'POST /v1/things',
  resourceType: null,
  resourceId: null,
  outcome: 'success',
  statusCode: 201,
  requestId: 'r1',
  clientIp: null,
  details: {},
};

function serviceWith(append: (input: AuditEventInput) => Promise<unknown>): AuditLogService {
  return new AuditLogService({ append } as unknown as AuditLogRepository, {} as TenantsRepository);
}

describe('AuditLogService.recordInBackground', () => {
  it('writes in the background and lets shutdown wait for the write', async () => {
    const written: AuditEventInput[] = [];
    let appendStarted!: () => void;
    const started = new Promise<void>((resolve) => (appendStarted = resolve));
    let endAppend!: () => void;
    const appendMayEnd = new Promise<void>((resolve) => (endAppend = resolve));
    const service = serviceWith(async (input) => {
      appendStarted();
      await appendMayEnd;
      written.push(input);
    });
    service.recordInBackground(async () => event, { action: event.action, requestId: 'r1' });
    expect(written).toEqual([]);
    await started;

    let shutDown = false;
    const shutdown = service.onModuleDestroy().then(() => (shutDown = true));
    // One macrotask turn runs every pending promise callback: a shutdown that did not wait would be done.
    await new Promise((resolve) => setImmediate(resolve));
    expect(shutDown).toBe(false);

    endAppend();
    await shutdown;
    expect(written).toEqual([event]);
    expect(service.failedWrites).toBe(0);
  });

  it('never throws on a failed write or lookup, and counts it', async () => {
    const service = serviceWith(() => Promise.reject(new Error('database down')));
    service.recordInBackground(async () => event, { action: event.action, requestId: 'r1' });
    service.recordInBackground(() => Promise.reject(new Error('lookup failed')), { action: event.action, requestId: 'r2' });
    await service.flush();
    expect(service.failedWrites).toBe(2);
  });
});
