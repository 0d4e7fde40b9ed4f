import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AnomalyKind, AnomalyMetric } from '@ade/quality-model';

/** A check of a report that scored at or above the anomaly threshold. */
@Entity('quality_anomalies')
export class QualityAnomalyRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'report_id', type: 'uuid' })
  reportId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'table_name', type: 'text' })
  tableName: string;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt: Date;

  @Column('text')
  kind: AnomalyKind;

  @Column({ name: 'column_name', type: 'text', nullable: true })
  columnName: string | null;

  @Column('text')
  metric: AnomalyMetric;

  @Column('double precision')
  score: number;

  @Column('double precision')
  value: number;

  @Column({ name: 'baseline_median', type: 'double precision' })
  baselineMedian: number;

  @Column({ name: 'baseline_mad', type: 'double precision' })
  baselineMad: number;

  @Column({ name: 'baseline_runs', type: 'int' })
  baselineRuns: number;

  @Column('text')
  message: string;
}
