import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EVENTS_QUEUE, type AnyEvent } from '@ade/contracts';
import { publishEvent } from '@ade/queue';

/** Reports to the control plane. Events carry ids, counts and failure codes, never row data. */
@Injectable()
export class EventPublisher {
  constructor(@InjectQueue(EVENTS_QUEUE) private readonly queue: Queue) {}

  publish(event: AnyEvent): Promise<void> {
    return publishEvent(this.queue, event);
  }
}
