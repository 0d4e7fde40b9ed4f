import { Queue } from 'bullmq';
import { EVENTS_QUEUE, eventJobId, type AnyEvent } from '@ade/contracts';
import { publishEvent, QueueKeyring } from '@ade/queue';
import { eventually, testRedisUrl } from '@ade/testing';
import type { ControlPlaneHarness } from './control-plane.harness';

export interface EventSender {
  /** Publishes as a worker does and waits until the control plane has processed the event. */
  send(event: AnyEvent): Promise<void>;
  close(): Promise<void>;
}

/** Plays the data plane's part: worker events on the control plane's own events queue. */
export function workerEvents(cp: ControlPlaneHarness): EventSender {
  const queue = new Queue(EVENTS_QUEUE, { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
  const keyring = QueueKeyring.fromSigningKeys(cp.config.dataPlane.queueSigningKeys);
  return {
    send: async (event) => {
      await publishEvent(queue, keyring, event);
      const job = await eventually(
        () => queue.getJob(eventJobId(event)),
        (found) => found?.finishedOn !== undefined,
        { what: `event ${event.name} to be processed` },
      );
      if (job!.failedReason) throw new Error(`event ${event.name} failed: ${job!.failedReason}`);
    },
    close: () => queue.close(),
  };
}
