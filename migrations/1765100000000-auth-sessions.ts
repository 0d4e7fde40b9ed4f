import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Login sessions and external identity providers.
 *
 * `refresh_tokens`: one row per refresh token ever issued, holding only the SHA-256 of the token.
 * A login starts a family (`family_id`, the session id carried as `sid` in access tokens); each
 * refresh marks its token used and adds the next one to the family. Presenting a used token again
 * revokes the whole family. Operators' rows have no tenant, so only platform scope reaches them.
 *
 * `tenant_identity_providers`: at most one external OpenID-style issuer per tenant whose RS256
 * tokens (verified against its JWKS) are accepted for that tenant's users. An issuer belongs to
 * one tenant only, so a token's `iss` alone names the tenant.
 */
export class AuthSessions1765100000000 implements MigrationInterface {
  name = 'AuthSessions1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        revoked_at timestamptz,
        revoke_reason text,
        CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
      )`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await queryRunner.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE tenant_identity_providers (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        issuer text NOT NULL,
        jwks_uri text NOT NULL,
        audience text NOT NULL,
        email_claim text NOT NULL DEFAULT 'email',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_identity_providers_issuer_key UNIQUE (issuer)
      )`);
    await enableTenantRls(queryRunner, 'refresh_tokens');
    await enableTenantRls(queryRunner, 'tenant_identity_providers');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'tenant_identity_providers');
    await disableTenantRls(queryRunner, 'refresh_tokens');
    await queryRunner.query(`DROP TABLE tenant_identity_providers`);
    await queryRunner.query(`DROP TABLE refresh_tokens`);
  }
}
