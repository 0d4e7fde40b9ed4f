import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where a tenant's alerts are POSTed (one endpoint per tenant), and the secret that signs them. */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column('text')
  url: string;

  /**
   * The signing secret (32 random bytes, hex) encrypted by SecretBox; decrypted only to sign a
   * delivery. Shown once when generated, afterwards only masked. Null: the endpoint predates
   * encryption at rest and needs a new secret (POST /v1/webhook/rotate-secret).
   */
  @Column({ name: 'secret_ciphertext', type: 'text', nullable: true })
  secretCiphertext: string | null;

  /** The secret's last 4 characters, for the masked view (null with secretCiphertext). */
  @Column({ name: 'secret_last4', type: 'text', nullable: true })
  secretLast4: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
