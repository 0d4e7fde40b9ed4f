import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** When a table's runs raise alerts; null means that check is off. */
@Entity('alert_thresholds')
export class AlertThreshold {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName: string;

  /** Alert when a run's overall score is below this (0..1). */
  @Column({ name: 'min_quality', type: 'double precision', nullable: true })
  minQuality: number | null;

  /** Alert when an anomaly of a run scores above this. */
  @Column({ name: 'max_anomaly', type: 'double precision', nullable: true })
  maxAnomaly: number | null;

  /** Alert when a run's overall score is more than this below the table's previous run's (0..1). */
  @Column({ name: 'max_drop', type: 'double precision', nullable: true })
  maxDrop: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
