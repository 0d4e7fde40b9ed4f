import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@ade/contracts';

@Entity('users')
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Null only for platform operators, who belong to no tenant (a CHECK constraint holds this). */
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  tenantId: string | null;

  /** Stored lower-cased; unique across the platform so a login needs no tenant hint. */
  @Column('text')
  email: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column('text')
  role: Role;

  /** The TOTP secret under SECRETS_KEYS, while enrolling or once enabled; never shown. */
  @Column({ name: 'mfa_secret_ciphertext', type: 'text', nullable: true })
  mfaSecretCiphertext: string | null;

  /** When multi-factor authentication was turned on; null: off (or enrolment not finished). */
  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
