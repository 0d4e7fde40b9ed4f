import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ConnectorKind, S3Settings, SftpSettings } from '@ade/contracts';
import type { ConnectorSecretType } from './connector-secret';

/**
 * A tenant's own SFTP server or S3 bucket, by name. The settings are plain (nothing in them logs
 * anyone in); the credentials are one SecretBox value, decrypted only to hand them to a worker
 * that holds a job needing them (POST /internal/v1/connector-credentials).
 */
@Entity('connectors')
export class Connector {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: ConnectorKind;

  /** sftpSettingsSchema or s3SettingsSchema (by kind), with their defaults applied. */
  @Column({ type: 'jsonb' })
  settings: SftpSettings | S3Settings;

  /** Which credential the secret is, for the masked view: known without decrypting it. */
  @Column({ name: 'secret_type', type: 'text' })
  secretType: ConnectorSecretType;

  /** The secret object (sftpSecretSchema or s3SecretSchema) as JSON, encrypted by SecretBox. */
  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext: string;

  /** The last 4 characters of the secret's main value (see secretHintOf), or null when it is too short to show any. */
  @Column({ name: 'secret_hint', type: 'text', nullable: true })
  secretHint: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
