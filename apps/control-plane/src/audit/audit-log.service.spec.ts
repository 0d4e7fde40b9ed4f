import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../test/recording-logger';
import type { TenantsRepository } from '../tenants/tenants.repository';
import type { AuthUser } from '../auth/auth-user';
import { NotFoundError } from '../common/app-error';
import type { AuditEntry, AuditEventInput } from './audit-event';
import type { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { chain } from './test/audit-chain.factory';

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
  afterEach(() => Logger.overrideLogger(false));

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

  it('logs each failure under the audit context with the action, request id and running count, never the event', async () => {
    const logs = new RecordingLogger();
    Logger.overrideLogger(logs);
    const service = serviceWith(() => Promise.reject(new Error('database down')));
    service.recordInBackground(async () => ({ ...event, details: { email: 'pat@example.org' } }), { action: event.action, requestId: 'r1' });
    await service.flush();
    service.recordInBackground(() => Promise.reject('not an Error'), { action: 'DELETE /v1/things/:id', requestId: null });
    await service.flush();
    const failures = logs.withMsg('audit', 'audit event could not be written');
    expect(failures.map((entry) => [entry.level, entry.message])).toEqual([
      ['error', { msg: 'audit event could not be written', action: event.action, requestId: 'r1', failedWrites: 1, error: 'database down' }],
      ['error', { msg: 'audit event could not be written', action: 'DELETE /v1/things/:id', requestId: null, failedWrites: 2, error: 'not an Error' }],
    ]);
    expect(JSON.stringify(logs.entries)).not.toContain('pat@example.org');
  });
});

describe('AuditLogService.chainFor', () => {
  const tenantId = '4f0c2a34-9a3b-4a38-9a0e-5e0b8f3e2c11';
  const otherTenant = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
  const existing = new Set([tenantId, otherTenant]);
  const tenants = { findById: async (id: string) => (existing.has(id) ? { id } : null) } as unknown as TenantsRepository;
  const service = new AuditLogService({} as AuditLogRepository, tenants);
  const admin: AuthUser = { userId: 'u1', tenantId, role: 'tenant_admin' };
  const operator: AuthUser = { userId: 'op', tenantId: null, role: 'platform_operator' };

  it("gives a tenant user its own tenant's chain, whether named or not", async () => {
    expect(await service.chainFor(admin, undefined)).toBe(tenantId);
    expect(await service.chainFor(admin, tenantId)).toBe(tenantId);
    expect(await service.chainFor({ ...admin, role: 'tenant_viewer' }, undefined)).toBe(tenantId);
  });

  it("answers a tenant user asking for another tenant's chain as if it did not exist", async () => {
    await expect(service.chainFor(admin, otherTenant)).rejects.toEqual(new NotFoundError('tenant'));
  });

  it("gives an operator the platform chain by default, or an existing tenant's", async () => {
    expect(await service.chainFor(operator, undefined)).toBeNull();
    expect(await service.chainFor(operator, otherTenant)).toBe(otherTenant);
    await expect(service.chainFor(operator, '00000000-0000-4000-8000-000000000000')).rejects.toEqual(new NotFoundError('tenant'));
  });
});

describe('AuditLogService.verify', () => {
  /** Serves a chain held in memory the way the repository pages it, recording each call. */
  function serviceOver(entries: AuditEntry[]) {
    const calls: { scopes: [string | null, string][]; batches: [number, number][] } = { scopes: [], batches: [] };
    const repository = {
      inChainScope: (tenantId: string | null, reason: string, work: (tx: unknown) => Promise<unknown>) => {
        calls.scopes.push([tenantId, reason]);
        return work('tx');
      },
      chainBatch: async (tx: unknown, _tenantId: string | null, afterSeq: number, limit: number) => {
        expect(tx).toBe('tx');
        calls.batches.push([afterSeq, limit]);
        return entries.filter((entry) => entry.seq > afterSeq).slice(0, limit);
      },
    } as unknown as AuditLogRepository;
    return { service: new AuditLogService(repository, {} as TenantsRepository), calls };
  }

  it('walks a chain longer than one batch, page after page, inside one chain scope', async () => {
    const entries = chain(2_345);
    const { service, calls } = serviceOver(entries);
    expect(await service.verify(null)).toEqual({ ok: true, entries: 2_345, headSeq: 2_345, headHash: entries.at(-1)!.hash });
    expect(calls.scopes).toEqual([[null, 'verify the platform audit chain']]);
    expect(calls.batches).toEqual([
      [0, 1000],
      [1000, 1000],
      [2000, 1000],
    ]);
  });

  it('asks once more after a full last batch, and finds the end', async () => {
    const { service, calls } = serviceOver(chain(1_000));
    expect(await service.verify(null)).toMatchObject({ ok: true, entries: 1_000, headSeq: 1_000 });
    expect(calls.batches).toEqual([
      [0, 1000],
      [1000, 1000],
    ]);
  });

  it('finds a break in a later batch', async () => {
    const entries = chain(1_500);
    entries[1_200] = { ...entries[1_200]!, outcome: 'denied' };
    const { service } = serviceOver(entries);
    expect(await service.verify(null)).toMatchObject({ ok: false, entries: 1_500, firstBroken: { seq: 1_201, reason: 'hash_mismatch' } });
  });
});

