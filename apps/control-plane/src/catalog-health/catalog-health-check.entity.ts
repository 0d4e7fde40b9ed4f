import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CatalogHealth, FailureCode } from '@ade/contracts';

export type HealthCheckStatus = 'queued' | 'reported' | 'failed';

/** A request to take stock of the tenant's catalog, and what the worker reported. */
@Entity('catalog_health_checks')
export class CatalogHealthCheck {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column('text')
  status: HealthCheckStatus;

  @Column({ type: 'jsonb', nullable: true })
  report: CatalogHealth | null;

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
