import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EVENTS_QUEUE, type AnyEvent } from '@ade/contracts';
import { publishEvent, QueueKeyring } from '@ade/queue';

/** Reports to the control plane, sealed with the tenant's key. Events carry ids, counts and failure codes, never row data. */
@Injectable()
export class EventPublisher {
  constructor(
    @InjectQueue(EVENTS_QUEUE) private readonly queue: Queue,
    private readonly keyring: QueueKeyring,
  ) {}

  publish(event: AnyEvent): Promise<void> {
    return publishEvent(this.queue, this.keyring, event);
  }
}
