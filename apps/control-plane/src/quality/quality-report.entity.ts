import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { QualityReport } from '@ade/contracts';
import type { AnomalyCheck } from '@ade/quality-model';
import { bigintAsNumber } from '../database/bigint-columns';


/**
 * What the quality agent measured on one run of one table: the latest attempt's report, its row
 * counts and scores as columns for trends, and how it compared with the table's history.
 */
@Entity('quality_reports')
export class QualityReportRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  /** Null once the pipeline is deleted. */
  @Column({ name: 'pipeline_id', type: 'uuid', nullable: true })
  pipelineId: string | null;

  @Column('int')
  attempt: number;

  /** `catalog.schema.table`. */
  @Column({ name: 'table_name', type: 'text' })
  tableName: string;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt: Date;

  @Column({ name: 'rows_input', type: 'bigint', transformer: bigintAsNumber })
  rowsInput: number;

  @Column({ name: 'rows_silver', type: 'bigint', transformer: bigintAsNumber })
  rowsSilver: number;

  @Column({ name: 'rows_quarantined', type: 'bigint', transformer: bigintAsNumber })
  rowsQuarantined: number;

  @Column({ name: 'rows_warned', type: 'bigint', transformer: bigintAsNumber })
  rowsWarned: number;

  @Column({ name: 'rows_repaired', type: 'bigint', transformer: bigintAsNumber })
  rowsRepaired: number;

  @Column({ name: 'score_completeness', type: 'double precision' })
  scoreCompleteness: number;

  @Column({ name: 'score_validity', type: 'double precision' })
  scoreValidity: number;

  @Column({ name: 'score_uniqueness', type: 'double precision' })
  scoreUniqueness: number;

  @Column({ name: 'score_consistency', type: 'double precision' })
  scoreConsistency: number;

  @Column({ name: 'score_overall', type: 'double precision' })
  scoreOverall: number;

  /** The whole report as the worker sent it (aggregates and masked shapes only). */
  @Column('jsonb')
  report: QualityReport;

  /** Previous runs the anomaly baseline was taken from. */
  @Column({ name: 'history_runs', type: 'int' })
  historyRuns: number;

  /** Every anomaly check with its score, flagged or not. */
  @Column({ name: 'anomaly_checks', type: 'jsonb' })
  anomalyChecks: AnomalyCheck[];

  /** Why no check was made (insufficient history), else null. */
  @Column({ name: 'anomaly_note', type: 'text', nullable: true })
  anomalyNote: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
