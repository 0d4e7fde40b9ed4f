import { randomUUID } from 'node:crypto';
import type { HealingAction } from '@ade/contracts';
import type { EventPublisher } from '../events/event-publisher';
import type { ClassifiedFailure } from './failure-classifier';

export interface IncidentScope {
  tenantId: string;
  pipelineId: string;
  runId: string;
  attempt: number;
}

/** Every healing decision becomes an incident event: what failed, its class, what was done. */
export class IncidentReporter {
  constructor(
    private readonly events: EventPublisher,
    private readonly scope: IncidentScope,
  ) {}

  report(classified: ClassifiedFailure, action: HealingAction, file: string | null = null): Promise<void> {
    return this.events.publish({
      name: 'incident.recorded',
      data: {
        ...this.scope,
        incidentId: randomUUID(),
        at: new Date().toISOString(),
        failureClass: classified.failureClass,
        error: classified.failure,
        action,
        file,
      },
    });
  }
}
