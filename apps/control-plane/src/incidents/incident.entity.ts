import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailureClass, FailureCode, HealingAction } from '@ade/contracts';

export const INCIDENT_OUTCOMES = ['pending', 'resolved', 'unresolved'] as const;
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];

/**
 * One failure the data plane's healing policy handled. The outcome is settled by how the run
 * ends: succeeded means it was resolved without a human; failed means it was not.
 */
@Entity('incidents')
export class Incident {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'pipeline_id', type: 'uuid', nullable: true })
  pipelineId: string | null;

  @Column('int')
  attempt: number;

  @Column({ name: 'failure_class', type: 'text' })
  failureClass: FailureClass;

  @Column({ name: 'error_code', type: 'text' })
  errorCode: FailureCode;

  @Column({ name: 'error_message', type: 'text' })
  errorMessage: string;

  @Column('text')
  action: HealingAction;

  @Column({ type: 'text', nullable: true })
  file: string | null;

  @Column('text')
  outcome: IncidentOutcome;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
