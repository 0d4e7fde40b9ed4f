import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ALERT_KINDS = ['quality_below_threshold', 'anomaly_above_threshold', 'quality_dropped', 'session_token_reused'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * A threshold a run of a table crossed (at most one per tenant, table, run and kind: dedupe_key),
 * or a session of a user ended for refresh token reuse (one per session).
 */
@Entity('alerts')
export class Alert {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'table_name', type: 'text', nullable: true })
  tableName: string | null;

  @Column({ name: 'run_id', type: 'uuid', nullable: true })
  runId: string | null;

  /** The user a session alert is about; null for a table's alerts. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'pipeline_id', type: 'uuid', nullable: true })
  pipelineId: string | null;

  @Column('text')
  kind: AlertKind;

  /** Numbers only: the measured figures and the thresholds they crossed. */
  @Column('jsonb')
  detail: Record<string, number>;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
