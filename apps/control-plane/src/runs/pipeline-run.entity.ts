import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailureCode, RunStatus } from '@ade/contracts';
import { bigintAsNumber } from '../database/bigint-columns';

export const RUN_TRIGGERS = ['manual', 'schedule'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];


@Entity('pipeline_runs')
export class PipelineRun {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Null once the pipeline is deleted: run history outlives its pipeline. */
  @Column({ name: 'pipeline_id', type: 'uuid', nullable: true })
  pipelineId: string | null;

  @Column({ name: 'pipeline_name', type: 'text' })
  pipelineName: string;

  @Column('text')
  trigger: RunTrigger;

  @Column('text')
  status: RunStatus;

  @Column('int')
  attempt: number;

  @Column({ name: 'target_table', type: 'text' })
  targetTable: string;

  @Column({ name: 'bronze_table', type: 'text', nullable: true })
  bronzeTable: string | null;

  @Column({ name: 'rows_loaded', type: 'bigint', transformer: bigintAsNumber })
  rowsLoaded: number;

  @Column({ name: 'files_loaded', type: 'int' })
  filesLoaded: number;

  @Column({ name: 'files_skipped', type: 'int' })
  filesSkipped: number;

  @Column({ name: 'files_quarantined', type: 'int' })
  filesQuarantined: number;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: FailureCode | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'duration_ms', type: 'int', nullable: true })
  durationMs: number | null;
}
