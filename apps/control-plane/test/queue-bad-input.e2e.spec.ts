import { randomBytes, randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, EVENTS_QUEUE, JOB_NAMES, parseEvent, parseJob, tenantQueueName, type EventName, type JobName, type SealRefusal } from '@ade/contracts';
import { Secret } from '@ade/config';
import { QueueKeyring, seal, SEAL_CLOCK_SKEW_MS, SEAL_LIFETIME_MS, type SealPurpose } from '@ade/queue';
import { eventually, testQueueKeyring, testRedisUrl, validEventPayloads, validJobPayloads } from '@ade/testing';
import { superuserDb, waitForEntry } from './audit-db';
import { createTenant, type TenantFixture } from './factories';
import { startPlatform, type PlatformHarness } from './platform.harness';
import { waitForCatalogReady } from './run-flow';
import { EVENT_REFUSED_ACTION, JOB_REFUSED_ACTION } from '../src/events/queue-refusals';

/**
 * Bad input over the queues: every job and every event, forged each way a writer to Redis could
 * (no seal, a malformed seal, a guessed key, another tenant's key, a seal moved to another id, name
 * or purpose, a payload altered after sealing, an unknown key id, a seal past its lifetime or from
 * the future). Each is refused before anything reads it, with the reason on an audit chain, and
 * changes nothing: not a row in PostgreSQL, not a table in the tenant's catalog.
 */

type Forge = (purpose: SealPurpose, target: { tenantId: string; name: string; id: string }, payload: Record<string, unknown>) => unknown;

interface Forgery {
  how: string;
  reason: SealRefusal;
  forge: Forge;
}

const platformKeys = testQueueKeyring();
const sealWith = (keyring: QueueKeyring, now?: number): Forge => (purpose, target, payload) => seal(keyring, purpose, target, payload, now);
const sealedThenChanged = (change: (sealed: Record<string, unknown>) => Record<string, unknown>): Forge => (purpose, target, payload) => change(seal(platformKeys, purpose, target, payload));
const withSeal = (header: (real: Record<string, unknown>) => unknown): Forge => sealedThenChanged((sealed) => ({ ...sealed, seal: header(sealed.seal as Record<string, unknown>) }));

/** A payload with its first member other than the tenant set to another value. */
function changedMember(sealed: Record<string, unknown>): Record<string, unknown> {
  const member = Object.keys(sealed).find((key) => key !== 'tenantId' && key !== 'seal')!;
  return { ...sealed, [member]: 'forged-value' };
}

/** Every way of forging; `otherTenantId` is read when a forgery is made, once the suite has made that tenant. */
function forgeries(otherTenantId: () => string): Forgery[] {
  const guessedKey = QueueKeyring.fromSigningKeys([{ id: 'test', key: new Secret(randomBytes(32).toString('base64')) }]);
  const posing = (tenantId: string) => QueueKeyring.fromTenantKeys([{ ...platformKeys.sealing(otherTenantId())!, tenantId }]);
  const unknownKeyId = QueueKeyring.fromSigningKeys([{ id: 'retired', key: new Secret(randomBytes(32).toString('base64')) }]);
  return [
    { how: 'no seal at all', reason: 'unsealed', forge: (_p, _t, payload) => payload },
    { how: 'a null seal', reason: 'unsealed', forge: (_p, _t, payload) => ({ ...payload, seal: null }) },
    { how: 'a seal that is a string', reason: 'unsealed', forge: (_p, _t, payload) => ({ ...payload, seal: 'trust-me' }) },
    { how: 'a seal of another version', reason: 'unsealed', forge: withSeal((real) => ({ ...real, v: 2 })) },
    { how: 'a seal without its MAC', reason: 'unsealed', forge: withSeal(({ mac: _mac, ...rest }) => rest) },
    { how: 'a seal with a text timestamp', reason: 'unsealed', forge: withSeal((real) => ({ ...real, iat: String(real.iat) })) },
    { how: 'a key guessed under the real key id', reason: 'forged', forge: sealWith(guessedKey) },
    { how: "another tenant's key", reason: 'forged', forge: (purpose, target, payload) => seal(posing(target.tenantId), purpose, target, payload) },
    { how: 'a seal made for another id', reason: 'forged', forge: (purpose, target, payload) => seal(platformKeys, purpose, { ...target, id: `${target.id}-original` }, payload) },
    { how: 'a seal made for another name', reason: 'forged', forge: (purpose, target, payload) => seal(platformKeys, purpose, { ...target, name: `${target.name}.other` }, payload) },
    { how: 'a seal made for the other direction', reason: 'forged', forge: (purpose, target, payload) => seal(platformKeys, purpose === 'job' ? 'event' : 'job', target, payload) },
    { how: 'a member changed after sealing', reason: 'forged', forge: sealedThenChanged(changedMember) },
    { how: 'a member added after sealing', reason: 'forged', forge: sealedThenChanged((sealed) => ({ ...sealed, injected: 'DROP TABLE pipelines' })) },
    { how: 'a truncated MAC', reason: 'forged', forge: withSeal((real) => ({ ...real, mac: String(real.mac).slice(0, 20) })) },
    { how: 'a lifetime stretched after sealing', reason: 'forged', forge: withSeal((real) => ({ ...real, exp: Number(real.exp) + SEAL_LIFETIME_MS })) },
    { how: 'a key id the receiver does not hold', reason: 'unknown_key', forge: sealWith(unknownKeyId) },
    { how: 'the real key, past its lifetime (a replay)', reason: 'expired', forge: sealWith(platformKeys, Date.now() - SEAL_LIFETIME_MS - 60_000) },
    { how: 'the real key, dated beyond the clock skew ahead', reason: 'expired', forge: sealWith(platformKeys, Date.now() + SEAL_CLOCK_SKEW_MS + 60_000) },
  ];
}

describe('bad input over the queues', () => {
  let platform: PlatformHarness;
  let other: TenantFixture;
  let db: Client;
  let tenantQueue: Queue;
  let events: Queue;
  let before: unknown;
  const tenantId = () => platform.tenant.tenantId;

  beforeAll(async () => {
    platform = await startPlatform('badqueue');
    other = await createTenant(platform.cp);
    await waitForCatalogReady(platform.cp, other);
    db = await superuserDb(platform.cp);
    const connection = { connection: { url: testRedisUrl }, prefix: platform.cp.config.queue.prefix };
    tenantQueue = new Queue(tenantQueueName(tenantId()), connection);
    events = new Queue(EVENTS_QUEUE, connection);
    before = await snapshot();
  });
  afterAll(async () => {
    await tenantQueue?.close();
    await events?.close();
    await db?.end();
    await platform?.close();
  });

  /** Row counts of every table but the audit log in PostgreSQL, and every table of the tenant's catalog with its rows. */
  async function snapshot(): Promise<unknown> {
    const schema = platform.cp.config.database.schema;
    const tables = await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'audit_events' ORDER BY 1`, [schema]);
    expect(tables.rows.length).toBeGreaterThan(10);
    const rows: Record<string, number> = {};
    for (const { table_name } of tables.rows) rows[table_name] = Number((await db.query(`SELECT count(*) AS n FROM "${schema}"."${table_name}"`)).rows[0].n);
    const catalog = await platform.withCatalog((c) => c.query<{ name: string }>(`SELECT table_schema || '.' || table_name AS name FROM information_schema.tables ORDER BY 1`));
    return { rows, catalog: catalog.map((t) => t.name) };
  }

  const settled = (queue: Queue, id: string) => eventually(() => queue.getJob(id), (job) => job?.finishedOn !== undefined, { what: `${queue.name} entry ${id} to be settled` });

  it('forges from payloads the contracts accept, so each refusal is for the seal alone', () => {
    const jobs = validJobPayloads(tenantId(), platform.tenant.catalogName);
    for (const name of JOB_NAMES) expect(parseJob(name, jobs[name]).name).toBe(name);
    const reported = validEventPayloads(tenantId(), platform.tenant.catalogName);
    for (const name of EVENT_NAMES) expect(parseEvent(name, reported[name]).name).toBe(name);
  });

  describe('jobs on the tenant queue, refused by its worker and audited on the tenant chain', () => {
    for (const name of JOB_NAMES) {
      for (const forgery of forgeries(() => other.tenantId)) {
        it(`${name}: ${forgery.how} → ${forgery.reason}`, async () => {
          const jobId = `forged-${randomUUID()}`;
          const payload = validJobPayloads(tenantId(), platform.tenant.catalogName)[name as JobName] as Record<string, unknown>;
          await tenantQueue.add(name, forgery.forge('job', { tenantId: tenantId(), name, id: jobId }, payload), { jobId, attempts: 3 });
          const job = await settled(tenantQueue, jobId);
          expect(job!.failedReason).toBe(`job refused: ${forgery.reason}`);
          expect(job!.attemptsMade).toBe(1);
          const entry = await waitForEntry(db, tenantId(), (e) => e.action === JOB_REFUSED_ACTION && e.resourceId === jobId, `the refusal of ${jobId}`);
          expect(entry.details).toEqual({ jobName: name, reason: forgery.reason, refusedAt: expect.any(String) });
          expect(await snapshot()).toEqual(before);
        });
      }
    }
  });

  describe('events on the events queue, refused by the control plane and audited on the platform chain', () => {
    for (const name of EVENT_NAMES) {
      for (const forgery of forgeries(() => other.tenantId).filter((f) => ['no seal at all', "another tenant's key", 'a member changed after sealing', 'a key id the receiver does not hold', 'the real key, past its lifetime (a replay)'].includes(f.how))) {
        it(`${name}: ${forgery.how} → ${forgery.reason}`, async () => {
          const id = `forged-${randomUUID()}`;
          const payload = validEventPayloads(tenantId(), platform.tenant.catalogName)[name as EventName] as Record<string, unknown>;
          await events.add(name, forgery.forge('event', { tenantId: tenantId(), name, id }, payload), { jobId: id });
          expect((await settled(events, id))!.failedReason).toBe(`event refused: ${forgery.reason}`);
          const entry = await waitForEntry(db, null, (e) => e.action === EVENT_REFUSED_ACTION && e.resourceId === id, `the refusal of event ${id}`);
          expect(entry.details).toEqual({ eventName: name, claimedTenantId: tenantId(), reason: forgery.reason });
          expect(await snapshot()).toEqual(before);
        });
      }
    }
  });

  it.each([
    ['no tenant', (payload: Record<string, unknown>) => ({ ...payload, tenantId: undefined })],
    ['a tenant that is not an id', (payload: Record<string, unknown>) => ({ ...payload, tenantId: "x' OR '1'='1" })],
    ['a payload that is not an object', () => ['run.failed']],
  ])('refuses an event with %s as forged, naming no claimed tenant', async (_what, mangle) => {
    const id = `forged-${randomUUID()}`;
    const payload = validEventPayloads(tenantId(), platform.tenant.catalogName)['run.failed'] as Record<string, unknown>;
    await events.add('run.failed', mangle(payload), { jobId: id });
    expect((await settled(events, id))!.failedReason).toBe('event refused: forged');
    const entry = await waitForEntry(db, null, (e) => e.action === EVENT_REFUSED_ACTION && e.resourceId === id, `the refusal of event ${id}`);
    expect(entry.details).toEqual({ eventName: 'run.failed', claimedTenantId: null, reason: 'forged' });
    expect(await snapshot()).toEqual(before);
  });
});
