import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const ALERT_KINDS = ['quality_below_threshold', 'anomaly_above_threshold'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A threshold a run of a table crossed. At most one per tenant, table, run and kind (dedupe_key). */
@Entity('alerts')
export class Alert {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

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
