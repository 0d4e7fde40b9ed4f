import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * API keys for machine clients, and the per-tenant override of the API rate limit.
 *
 * A key is `ade_<prefix>_<secret>`: only the prefix (its public id, unique) and the SHA-256 of the
 * secret are stored, never the secret itself. `api_rate_limit_per_minute` on tenants is null
 * when the tenant uses the platform default (API_RATE_LIMIT_PER_MINUTE).
 */
export class ApiKeys1765200000000 implements MigrationInterface {
  name = 'ApiKeys1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash bytea NOT NULL CHECK (octet_length(key_hash) = 32),
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write']::text[]),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT api_keys_prefix_key UNIQUE (prefix)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at)`);
    await queryRunner.query(
      `ALTER TABLE tenants ADD COLUMN api_rate_limit_per_minute integer CHECK (api_rate_limit_per_minute IS NULL OR api_rate_limit_per_minute > 0)`,
    );
    await enableTenantRls(queryRunner, 'api_keys');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'api_keys');
    await queryRunner.query(`ALTER TABLE tenants DROP COLUMN api_rate_limit_per_minute`);
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
