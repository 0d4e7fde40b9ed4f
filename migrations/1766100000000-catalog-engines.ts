import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each tenant's catalog lives, chosen by a platform operator: `embedded` (DuckDB on the
 * workers, the default) or `databricks` (the tenant's Unity Catalog). For Databricks,
 * `engine_settings` holds the workspace URL, the warehouse's or cluster's HTTP path and how it
 * signs in (never a secret); `engine_secret_ciphertext` the token or OAuth client secret,
 * encrypted under SECRETS_KEYS like every other stored secret.
 */
export class CatalogEngines1766100000000 implements MigrationInterface {
  name = 'CatalogEngines1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenants
        ADD COLUMN catalog_engine text NOT NULL DEFAULT 'embedded' CHECK (catalog_engine IN ('embedded', 'databricks')),
        ADD COLUMN engine_settings jsonb,
        ADD COLUMN engine_secret_ciphertext text,
        ADD COLUMN engine_updated_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE tenants ADD CONSTRAINT tenants_engine_complete CHECK (
        (catalog_engine = 'embedded' AND engine_settings IS NULL AND engine_secret_ciphertext IS NULL)
        OR (catalog_engine = 'databricks' AND engine_settings IS NOT NULL AND engine_secret_ciphertext IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tenants DROP CONSTRAINT tenants_engine_complete`);
    await queryRunner.query(`ALTER TABLE tenants DROP COLUMN catalog_engine, DROP COLUMN engine_settings, DROP COLUMN engine_secret_ciphertext, DROP COLUMN engine_updated_at`);
  }
}
