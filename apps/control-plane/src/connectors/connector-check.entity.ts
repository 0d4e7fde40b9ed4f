import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailureCode, ListedFile } from '@ade/contracts';
import { bigintOrNull } from '../database/bigint-columns';

export type ConnectorCheckStatus = 'queued' | 'reported' | 'failed';


/** A request to log in with a connector and list what a run of its root would consider, and what the worker saw. */
@Entity('connector_checks')
export class ConnectorCheck {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  @Column('text')
  status: ConnectorCheckStatus;

  @Column({ name: 'file_count', type: 'int', nullable: true })
  fileCount: number | null;

  @Column({ name: 'total_bytes', type: 'bigint', nullable: true, transformer: bigintOrNull })
  totalBytes: number | null;

  /** The first CHECK_LISTING_LIMIT files by name: names and sizes only. */
  @Column({ type: 'jsonb', nullable: true })
  files: ListedFile[] | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: FailureCode | 'dispatch_failed' | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
