import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The alert as it is sent: ids, the table name, the kind and numbers. Never a row value. */
export interface AlertPayload {
  id: string;
  kind: string;
  /** The table and run of a quality alert; null for a session alert. */
  table: string | null;
  runId: string | null;
  pipelineId: string | null;
  /** The user of a session alert; null for a quality alert. */
  userId: string | null;
  detail: Record<string, number>;
  createdAt: string;
}

/** One alert's way to the tenant's endpoint: at most one per alert, attempts recorded as they happen. */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'alert_id', type: 'uuid' })
  alertId: string;

  @Column('jsonb')
  payload: AlertPayload;

  @Column('text')
  status: DeliveryStatus;

  @Column('int')
  attempts: number;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
