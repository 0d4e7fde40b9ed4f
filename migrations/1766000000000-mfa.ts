import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Multi-factor authentication for users who sign in with a password (TOTP, RFC 6238).
 *
 * `users.mfa_secret_ciphertext`: the shared TOTP secret, encrypted under SECRETS_KEYS like the
 * other stored secrets (it must be read back to check codes, so it cannot be hashed); set while
 * enrolling and kept once `mfa_enabled_at` is set. `mfa_last_step`: the time step of the last code
 * accepted, so a code works once.
 *
 * `mfa_recovery_codes`: single-use codes for a lost authenticator, SHA-256 only (60 random bits
 * each). Operators' rows have no tenant, so only platform scope reaches them.
 *
 * `tenants.mfa_required`: set by a platform operator; the tenant's password users must then enrol
 * before their sessions can do anything else.
 */
export class Mfa1766000000000 implements MigrationInterface {
  name = 'Mfa1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN mfa_secret_ciphertext text, ADD COLUMN mfa_enabled_at timestamptz, ADD COLUMN mfa_last_step bigint`);
    await queryRunner.query(`ALTER TABLE users ADD CONSTRAINT users_mfa_enabled_has_secret CHECK (mfa_enabled_at IS NULL OR mfa_secret_ciphertext IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE tenants ADD COLUMN mfa_required boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE mfa_recovery_codes (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        CONSTRAINT mfa_recovery_codes_user_hash_key UNIQUE (user_id, code_hash)
      )`);
    await enableTenantRls(queryRunner, 'mfa_recovery_codes');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'mfa_recovery_codes');
    await queryRunner.query(`DROP TABLE mfa_recovery_codes`);
    await queryRunner.query(`ALTER TABLE tenants DROP COLUMN mfa_required`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_mfa_enabled_has_secret`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN mfa_last_step, DROP COLUMN mfa_enabled_at, DROP COLUMN mfa_secret_ciphertext`);
  }
}
