import type { JobsOptions, Queue } from 'bullmq';
import { eventJobId, parseEvent, parseJob, type AnyEvent, type AnyJobInput } from '@ade/contracts';
import type { QueueKeyring } from './queue-keyring';
import { seal } from './queue-seal';

/** Adds a job after checking it against its contract, so a bad payload never reaches Redis, sealed for its tenant. */
export async function addJob(queue: Queue, keyring: QueueKeyring, job: AnyJobInput, options: JobsOptions & { jobId: string }): Promise<void> {
  const checked = parseJob(job.name, job.data);
  await queue.add(checked.name, seal(keyring, 'job', { tenantId: checked.data.tenantId, name: checked.name, id: options.jobId }, checked.data), options);
}

/**
 * Publishes a worker event, sealed with its tenant's key. The deterministic job id makes a
 * re-sent event (after a crash between publishing and acknowledging) collapse into one.
 */
export async function publishEvent(queue: Queue, keyring: QueueKeyring, event: AnyEvent): Promise<void> {
  const checked = parseEvent(event.name, event.data);
  const jobId = eventJobId(checked);
  await queue.add(checked.name, seal(keyring, 'event', { tenantId: checked.data.tenantId, name: checked.name, id: jobId }, checked.data), {
    jobId,
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}
