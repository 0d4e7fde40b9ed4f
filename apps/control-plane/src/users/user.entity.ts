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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
