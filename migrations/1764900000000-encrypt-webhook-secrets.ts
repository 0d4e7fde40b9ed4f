import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook signing secrets are stored encrypted (AES-256-GCM under SECRETS_KEYS, by the control
 * plane) in `secret_ciphertext`, with their last 4 characters in `secret_last4` for the masked view.
 *
 * SQL cannot encrypt under the application's key, and migrations run with the database settings
 * only, so existing plaintext secrets are DROPPED, not converted: their endpoints keep their URL
 * but have `secret_ciphertext` NULL, which means "needs a new secret". Their deliveries fail with
 * a message saying so until a tenant admin calls `POST /v1/webhook/rotate-secret`.
 * `down` cannot bring the old secrets back either: it gives every endpoint a new random secret
 * nobody knows, so tenants must rotate after a rollback too.
 */
export class EncryptWebhookSecrets1764900000000 implements MigrationInterface {
  name = 'EncryptWebhookSecrets1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_endpoints ADD COLUMN secret_ciphertext text, ADD COLUMN secret_last4 text`);
    await queryRunner.query(`ALTER TABLE webhook_endpoints DROP COLUMN signing_secret`);
    await queryRunner.query(
      `ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_secret_encrypted CHECK (secret_ciphertext IS NULL OR secret_ciphertext LIKE 'v1:%')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_endpoints ADD COLUMN signing_secret text`);
    await queryRunner.query(`UPDATE webhook_endpoints SET signing_secret = md5(random()::text || id::text) || md5(random()::text || clock_timestamp()::text)`);
    await queryRunner.query(`ALTER TABLE webhook_endpoints ALTER COLUMN signing_secret SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE webhook_endpoints DROP COLUMN secret_ciphertext, DROP COLUMN secret_last4`);
  }
}
