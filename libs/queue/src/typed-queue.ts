import type { JobsOptions, Queue } from 'bullmq';
import { eventJobId, parseEvent, parseJob, type AnyEvent, type AnyJob } from '@ade/contracts';

/** Adds a job after checking it against its contract, so a bad payload never reaches Redis. */
export async function addJob(queue: Queue, job: AnyJob, options: JobsOptions & { jobId: string }): Promise<void> {
  const checked = parseJob(job.name, job.data);
  await queue.add(checked.name, checked.data, options);
}

/**
 * Publishes a worker event. The deterministic job id makes a re-sent event (after a crash
 * between publishing and acknowledging) collapse into one.
 */
export async function publishEvent(queue: Queue, event: AnyEvent): Promise<void> {
  const checked = parseEvent(event.name, event.data);
  await queue.add(checked.name, checked.data, {
    jobId: eventJobId(checked),
    attempts: 5,
    backoff: { type: 'exponential', delay: 500 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}
