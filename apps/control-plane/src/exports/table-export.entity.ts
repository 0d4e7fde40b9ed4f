import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExportFormat, FailureCode } from '@ade/contracts';
import { bigintOrNull } from '../database/bigint-columns';

export type TableExportStatus = 'queued' | 'completed' | 'failed';


/**
 * A request to write one of the tenant's silver or gold tables to its own storage through one of
 * its connectors (`ade export`), and what the worker reported: counts and a digest, never a row.
 */
@Entity('table_exports')
export class TableExport {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'connector_id', type: 'uuid' })
  connectorId: string;

  /** catalog.schema.table, the catalog being the tenant's own. */
  @Column({ name: 'table_name', type: 'text' })
  table: string;

  /** The file's path under the connector's directory or prefix. */
  @Column('text')
  path: string;

  @Column('text')
  format: ExportFormat;

  /** The row filter (one boolean expression in the expectation vocabulary), or null for every row. */
  @Column({ name: 'where_sql', type: 'text', nullable: true })
  where: string | null;

  @Column('text')
  status: TableExportStatus;

  @Column({ name: 'row_count', type: 'bigint', nullable: true, transformer: bigintOrNull })
  rowCount: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: bigintOrNull })
  bytes: number | null;

  @Column({ type: 'text', nullable: true })
  sha256: string | null;

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
