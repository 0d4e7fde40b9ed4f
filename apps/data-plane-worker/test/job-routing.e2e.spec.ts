import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_QUEUE, tenantIdFromQueueName, tenantQueueName, type JobData } from '@ade/contracts';
import { seal } from '@ade/queue';
import { dropQueuePrefix, eventually, makeTempDir, testQueueKeyring, testRedisUrl, uniqueQueuePrefix } from '@ade/testing';
import { startWorker, type WorkerHarness } from './worker.harness';

function runJob(tenantId: string, runId = randomUUID()): JobData<'pipeline.run'> {
  return {
    tenantId,
    runId,
    pipelineId: randomUUID(),
    catalogName: 'healthcare_data',
    engine: 'embedded',
    pipeline: {
      name: 'claims',
      dataType: 'professional_claims',
      targetTable: 'healthcare_data.silver.claims',
      source: { path: 'claims.csv', format: 'csv', options: {} },
      quality: { expectations: [] },
    },
  };
}

describe('job routing in a dedicated worker', () => {
  const queuePrefix = uniqueQueuePrefix('routing');
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let worker: WorkerHarness;
  let dataDir: Awaited<ReturnType<typeof makeTempDir>>;
  const queues: Queue[] = [];
  const queue = (name: string) => {
    const q = new Queue(name, { connection: { url: testRedisUrl }, prefix: queuePrefix });
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    dataDir = await makeTempDir('routing');
    worker = await startWorker({ queuePrefix, dataDir: dataDir.path, env: { WORKER_TENANTS: tenantA } });
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await worker?.close();
    await dropQueuePrefix(queuePrefix);
    await dataDir?.cleanup();
  });

  const keyring = testQueueKeyring();
  /** Adds a job as the control plane does, sealed with the key of the queue's tenant, whatever the payload says. */
  const addSealed = (q: Queue, name: string, data: object, opts: { jobId: string; attempts?: number }) =>
    q.add(name, seal(keyring, 'job', { tenantId: tenantIdFromQueueName(q.name)!, name, id: opts.jobId }, data), opts);

  const finished = (q: Queue, id: string) =>
    eventually(async () => q.getJob(id), (job) => job?.finishedOn !== undefined, { what: `job ${id} to finish` });

  it("never takes another tenant's jobs", async () => {
    const job = runJob(tenantB);
    const queueOfA = queue(tenantQueueName(tenantA));
    const queueOfB = queue(tenantQueueName(tenantB));
    await addSealed(queueOfB, 'pipeline.run', job, { jobId: job.runId });
    // A job added after it on the worker's own queue, finished (refused: unknown name): the worker
    // has been up and taking jobs all the while B's job was there to take.
    const markerId = randomUUID();
    await addSealed(queueOfA, 'routing.marker', {}, { jobId: markerId });
    expect((await finished(queueOfA, markerId))!.failedReason).toBe("unknown job name 'routing.marker'");
    // Redis names a BullMQ worker's connection after its queue: one listens on A's queue, none on B's.
    expect(await queueOfA.getWorkersCount()).toBeGreaterThan(0);
    expect(await queueOfB.getWorkersCount()).toBe(0);
    const untouched = await queueOfB.getJob(job.runId);
    expect(await untouched!.getState()).toBe('waiting');
    expect(untouched!.attemptsStarted ?? 0).toBe(0);
  });

  it("refuses a job whose tenant differs from the queue it arrived on, and does not retry it", async () => {
    const job = runJob(tenantB);
    const queueOfA = queue(tenantQueueName(tenantA));
    await addSealed(queueOfA, 'pipeline.run', job, { jobId: job.runId, attempts: 3 });
    const failed = await finished(queueOfA, job.runId);
    expect(failed!.failedReason).toBe('job tenant does not match the queue it was delivered on');
    expect(failed!.attemptsMade).toBe(1);
    expect(await queueOfA.getJobState(job.runId)).toBe('failed');
  });

  it("refuses B's sealed job copied onto A's queue as forged: the seal binds the job to its tenant's queue", async () => {
    const job = runJob(tenantB);
    const sealedForB = seal(keyring, 'job', { tenantId: tenantB, name: 'pipeline.run', id: job.runId }, job);
    const queueOfA = queue(tenantQueueName(tenantA));
    await queueOfA.add('pipeline.run', sealedForB, { jobId: job.runId, attempts: 3 });
    const failed = await finished(queueOfA, job.runId);
    expect(failed!.failedReason).toBe('job refused: forged');
    expect(failed!.attemptsMade).toBe(1);
  });

  it('fails a malformed run job for good and reports the run as failed with invalid_job', async () => {
    const runId = randomUUID();
    const queueOfA = queue(tenantQueueName(tenantA));
    await addSealed(queueOfA, 'pipeline.run', { tenantId: tenantA, runId, catalogName: 'healthcare_data' }, { jobId: runId, attempts: 3 });
    const failed = await finished(queueOfA, runId);
    expect(failed!.failedReason).toMatch(/^invalid 'pipeline.run' job: pipelineId: /);
    const event = await eventually(
      () => queue(EVENTS_QUEUE).getJob(`run.failed.${runId}.1`),
      (found) => found !== undefined,
      { what: 'the run.failed event' },
    );
    expect(event!.data).toMatchObject({ tenantId: tenantA, runId, willRetry: false, error: { code: 'invalid_job' } });
  });
});
