import type { Job } from 'bullmq';
import { tenantIdFromQueueName } from '@ade/contracts';
import { openSeal, QueueKeyring } from '@ade/queue';
import type { ControlPlaneHarness } from './control-plane.harness';

/**
 * A queued job's payload as a worker of its tenant will read it: its seal opened with the
 * tenant's key (a job that would be refused fails the test), the seal itself left out.
 */
export function openedJob(cp: ControlPlaneHarness, job: Job): Record<string, unknown> {
  const tenantId = tenantIdFromQueueName(job.queueName);
  if (tenantId === null) throw new Error(`${job.queueName} is not a tenant queue`);
  const opened = openSeal(QueueKeyring.fromSigningKeys(cp.config.dataPlane.queueSigningKeys), 'job', { tenantId, name: job.name, id: job.id ?? '' }, job.data);
  if (!opened.ok) throw new Error(`job ${job.id} would be refused: ${opened.reason}`);
  return opened.payload;
}
