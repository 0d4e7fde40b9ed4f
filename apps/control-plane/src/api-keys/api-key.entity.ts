import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ApiKeyScope } from './api-key-scopes';

/** A machine client's credential. The secret itself is never stored: only its SHA-256. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column('text')
  name: string;

  /** The key's public id, the `<prefix>` of `ade_<prefix>_<secret>`; shown in lists, used to look the key up. */
  @Column('text')
  prefix: string;

  /** SHA-256 of the secret part (32 bytes). */
  @Column({ name: 'key_hash', type: 'bytea' })
  keyHash: Buffer;

  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  /** The tenant admin who created it. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
