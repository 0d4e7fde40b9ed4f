import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DataType, PipelineOptions, QualitySettings, SourceFormat } from '@ade/contracts';

@Entity('pipelines')
export class Pipeline {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column('text')
  name: string;

  @Column({ name: 'data_type', type: 'text' })
  dataType: DataType;

  @Column({ name: 'source_path', type: 'text' })
  sourcePath: string;

  @Column({ name: 'source_format', type: 'text' })
  sourceFormat: SourceFormat;

  /** `catalog.schema.table` in the tenant's catalog. */
  @Column({ name: 'target_table', type: 'text' })
  targetTable: string;

  /** Five-field cron in UTC, or null for manual runs only. */
  @Column({ type: 'text', nullable: true })
  schedule: string | null;

  @Column({ type: 'jsonb' })
  options: PipelineOptions;

  /** Expectation overrides and the quality stage's settings (see QualitySettings). */
  @Column({ type: 'jsonb' })
  quality: QualitySettings;

  /** The tenant's connector the files come from, or null for the landing zone. */
  @Column({ name: 'connector_id', type: 'uuid', nullable: true })
  connectorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
