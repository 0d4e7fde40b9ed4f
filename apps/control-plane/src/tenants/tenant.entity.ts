import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { EngineKind } from '@ade/contracts';

export const CATALOG_STATUSES = ['provisioning', 'ready', 'failed'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

@Entity('tenants')
export class Tenant {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  slug: string;

  @Column('text')
  name: string;

  @Column({ name: 'catalog_name', type: 'text' })
  catalogName: string;

  @Column({ name: 'catalog_status', type: 'text' })
  catalogStatus: CatalogStatus;

  @Column({ name: 'catalog_error', type: 'text', nullable: true })
  catalogError: string | null;

  /** Set by a platform operator: the tenant's password users must use multi-factor authentication. */
  @Column({ name: 'mfa_required', type: 'boolean', default: false })
  mfaRequired: boolean;

  /** Set by a platform operator (PUT /v1/tenants/:id/engine); the settings and secret are read by the engine service only. */
  @Column({ name: 'catalog_engine', type: 'text', default: 'embedded' })
  catalogEngine: EngineKind;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
