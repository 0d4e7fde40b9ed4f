import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Connectors: a tenant's own SFTP server or S3 bucket a pipeline's files can come from. The
 * settings (host, bucket, directory, pinned host key...) are plain; the credentials are one
 * SecretBox value (`secret_ciphertext`), with only a short hint kept apart for the masked view.
 * Connector checks are `ade connector test`: the request and what the worker listed (file names
 * and sizes, never contents).
 *
 * The foreign keys from checks and pipelines are composite (tenant_id, connector_id): a row can
 * only ever point at a connector of its own tenant, whatever a service forgets to check.
 */
export class Connectors1765700000000 implements MigrationInterface {
  name = 'Connectors1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connectors (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('sftp', 's3')),
        settings jsonb NOT NULL,
        secret_type text NOT NULL CHECK (secret_type IN ('password', 'privateKey', 'accessKey')),
        secret_ciphertext text NOT NULL,
        secret_hint text CHECK (secret_hint IS NULL OR length(secret_hint) <= 4),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT connectors_tenant_name_key UNIQUE (tenant_id, name),
        CONSTRAINT connectors_tenant_id_key UNIQUE (tenant_id, id),
        CONSTRAINT connectors_secret_fits_kind CHECK ((kind = 's3') = (secret_type = 'accessKey'))
      )`);
    await queryRunner.query(`
      CREATE TABLE connector_checks (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE RESTRICT,
        connector_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'reported', 'failed')),
        file_count integer,
        total_bytes bigint,
        files jsonb,
        error_code text,
        error_message text,
        requested_by uuid,
        requested_at timestamptz NOT NULL,
        finished_at timestamptz,
        CONSTRAINT connector_checks_connector_fkey FOREIGN KEY (tenant_id, connector_id) REFERENCES connectors (tenant_id, id) ON DELETE CASCADE,
        CHECK ((status = 'reported') = (files IS NOT NULL AND file_count IS NOT NULL AND total_bytes IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX connector_checks_connector_idx ON connector_checks (tenant_id, connector_id, requested_at DESC)`);
    await queryRunner.query(`ALTER TABLE pipelines ADD COLUMN connector_id uuid`);
    await queryRunner.query(
      `ALTER TABLE pipelines ADD CONSTRAINT pipelines_connector_fkey FOREIGN KEY (tenant_id, connector_id) REFERENCES connectors (tenant_id, id) ON DELETE RESTRICT`,
    );
    await queryRunner.query(`CREATE INDEX pipelines_connector_idx ON pipelines (tenant_id, connector_id) WHERE connector_id IS NOT NULL`);
    await enableTenantRls(queryRunner, 'connectors');
    await enableTenantRls(queryRunner, 'connector_checks');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX pipelines_connector_idx`);
    await queryRunner.query(`ALTER TABLE pipelines DROP CONSTRAINT pipelines_connector_fkey`);
    await queryRunner.query(`ALTER TABLE pipelines DROP COLUMN connector_id`);
    await disableTenantRls(queryRunner, 'connector_checks');
    await queryRunner.query(`DROP TABLE connector_checks`);
    await disableTenantRls(queryRunner, 'connectors');
    await queryRunner.query(`DROP TABLE connectors`);
  }
}
