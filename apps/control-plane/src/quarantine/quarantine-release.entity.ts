import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailureCode, ReleaseFilter } from '@ade/contracts';
import { bigintAsNumber } from '../database/bigint-columns';

export const RELEASE_STATUSES = ['queued', 'succeeded', 'failed'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];


/** A request to re-evaluate a table's quarantined rows, and what the worker released. */
@Entity('quarantine_releases')
export class QuarantineRelease {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** Null once the pipeline is deleted: the release history stays. */
  @Column({ name: 'pipeline_id', type: 'uuid', nullable: true })
  pipelineId: string | null;

  /** The silver table whose quarantine is re-evaluated, `catalog.silver.table`. */
  @Column({ name: 'table_name', type: 'text' })
  tableName: string;

  @Column({ type: 'jsonb' })
  filter: ReleaseFilter;

  @Column('text')
  status: ReleaseStatus;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  examined: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  released: number;

  @Column({ name: 'by_rule', type: 'jsonb' })
  byRule: Array<{ rule: string; released: number }>;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: FailureCode | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
