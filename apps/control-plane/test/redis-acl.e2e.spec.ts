import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, SCHEDULES_QUEUE, tenantQueueName, tenantRegistryKey } from '@ade/contracts';
import { addJob, redisAclRules } from '@ade/queue';
import { makeTempDir, startPrivateRedis, testQueueKeyring, uniqueQueuePrefix, type PrivateRedis } from '@ade/testing';
import { startWorker, type WorkerHarness } from '../../data-plane-worker/test/worker.harness';
import { setUpRedisUser } from '../src/queues/redis-user';
import { tenantKeysLine } from '../src/queues/tenant-keys-line';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { createPipeline, land, triggerRun, waitForCatalogReady, waitForRunEnd } from './run-flow';

const CLAIMS = ['claim_id,member_id,billing_npi,paid_amount', 'C1,M1,1234567893,10.00'].join('\n');

/**
 * Issue 16, item 1: each plane on a Redis user of its own, as `npm run redis:acl` sets them up, on
 * a private redis-server (ACL users are server-wide). The whole flow works under those users, and
 * a worker's user is refused everything outside its tenants' queues and the events queue.
 */
describe('Redis ACL users per plane', () => {
  const prefix = uniqueQueuePrefix('acl');
  let redis: PrivateRedis;
  let admin: Redis;
  let cp: ControlPlaneHarness;
  let worker: WorkerHarness;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let workerUrl: string;
  let pooledUrl: string;
  const clients: Array<Redis | Queue> = [];
  const connect = (url: string) => {
    const client = new Redis(url, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await startPrivateRedis([]);
    admin = new Redis(redis.url);
    dataDir = await makeTempDir('acl');
    const cpUrl = await setUpRedisUser(admin, redis.url, 'control-plane', { kind: 'control-plane' }, prefix);
    cp = await startControlPlane({ queuePrefix: prefix, label: 'acl', env: { REDIS_URL: cpUrl } });
    tenant = await createTenant(cp);
    other = await createTenant(cp);
    // A dedicated worker of the first tenant: its own user, its tenant's key only.
    workerUrl = await setUpRedisUser(admin, redis.url, 'worker-a', { kind: 'worker', tenants: [tenant.tenantId] }, prefix);
    pooledUrl = await setUpRedisUser(admin, redis.url, 'worker-pool', { kind: 'worker', tenants: 'all' }, prefix);
    const keys = tenantKeysLine(cp.config.dataPlane.queueSigningKeys, [tenant.tenantId]).split('=')[1]!;
    worker = await startWorker({ queuePrefix: prefix, dataDir: dataDir.path, env: { REDIS_URL: workerUrl, WORKER_TENANTS: tenant.tenantId, WORKER_TENANT_KEYS: keys } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => (client instanceof Queue ? client.close() : client.quit().catch(() => undefined))));
    await worker?.close();
    await cp?.close();
    admin?.disconnect();
    await redis?.stop();
    await dataDir?.cleanup();
  });

  it('runs the whole flow under the planes’ own users: provisioning, a run, its events', async () => {
    await waitForCatalogReady(cp, tenant);
    await land(dataDir.path, tenant.tenantId, 'claims.csv', CLAIMS);
    const pipeline = await createPipeline(cp, tenant);
    const runId = await triggerRun(cp, tenant, pipeline.id);
    expect(await waitForRunEnd(cp, tenant, runId)).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 1 } });
  });

  it("refuses a worker's user every key outside its tenant's queue and the events queue, and every administrative command", async () => {
    const asWorker = connect(workerUrl);
    const noPermission = /NOPERM/;
    // Its own queue and the events queue: allowed.
    await expect(asWorker.hlen(`${prefix}:${tenantQueueName(tenant.tenantId)}:meta`)).resolves.toBeTypeOf('number');
    await expect(asWorker.llen(`${prefix}:${EVENTS_QUEUE}:wait`)).resolves.toBeTypeOf('number');
    // Another tenant's queue, read or written, directly or through BullMQ.
    await expect(asWorker.llen(`${prefix}:${tenantQueueName(other.tenantId)}:wait`)).rejects.toThrow(noPermission);
    await expect(asWorker.hgetall(`${prefix}:${tenantQueueName(other.tenantId)}:1`)).rejects.toThrow(noPermission);
    const otherQueue = new Queue(tenantQueueName(other.tenantId), { connection: asWorker, prefix });
    clients.push(otherQueue);
    const job = { tenantId: other.tenantId, catalogName: other.catalogName };
    await expect(addJob(otherQueue, testQueueKeyring(), { name: 'catalog.provision', data: job }, { jobId: `acl-${randomUUID()}` })).rejects.toThrow(noPermission);
    // What only the control plane uses: the registry, schedules, sessions, rate limits, logins.
    for (const key of [tenantRegistryKey(prefix), `${prefix}:${SCHEDULES_QUEUE}:wait`, `${prefix}:revoked-session:x`, `${prefix}:rate:${tenant.tenantId}`, `${prefix}:login-throttle:ip:127.0.0.1`, 'other-app:key']) {
      await expect(asWorker.exists(key)).rejects.toThrow(noPermission);
    }
    for (const command of [['KEYS', '*'], ['SCAN', '0'], ['RANDOMKEY'], ['FLUSHALL'], ['CONFIG', 'GET', 'maxmemory-policy'], ['ACL', 'LIST'], ['CLIENT', 'LIST'], ['CLIENT', 'KILL', 'ID', '999999'], ['FLUSHDB'], ['MONITOR']] as const) {
      await expect(asWorker.call(command[0], ...command.slice(1))).rejects.toThrow(noPermission);
    }
    expect(await admin.llen(`${prefix}:${tenantQueueName(other.tenantId)}:wait`)).toBe(1); // its own provisioning job, untouched
  });

  it("lets a pooled worker's user read the tenant registry but not change it, and reach every tenant queue", async () => {
    const asPool = connect(pooledUrl);
    expect((await asPool.smembers(tenantRegistryKey(prefix))).sort()).toEqual([tenant.tenantId, other.tenantId].sort());
    await expect(asPool.sadd(tenantRegistryKey(prefix), randomUUID())).rejects.toThrow(/NOPERM/);
    await expect(asPool.llen(`${prefix}:${tenantQueueName(other.tenantId)}:wait`)).resolves.toBe(1);
    await expect(asPool.exists(`${prefix}:revoked-session:x`)).rejects.toThrow(/NOPERM/);
  });

  it('writes the rules the docs show', () => {
    expect(redisAclRules('ade', { kind: 'worker', tenants: [tenant.tenantId.toUpperCase()] })).toEqual([
      'resetchannels',
      `~ade:tenant-${tenant.tenantId}:*`,
      '~ade:events:*',
      '+@all',
      '-@dangerous',
      '-@admin',
      '-scan',
      '-randomkey',
      '+info',
      '+client|setname',
      '+client|getname',
      '+client|id',
    ]);
    expect(redisAclRules('ade', { kind: 'worker', tenants: 'all' }).slice(0, 4)).toEqual(['resetchannels', '~ade:tenant-*', '%R~ade:registry:tenants', '~ade:events:*']);
    expect(redisAclRules('ade', { kind: 'control-plane' }).slice(0, 2)).toEqual(['resetchannels', '~ade:*']);
  });
});
