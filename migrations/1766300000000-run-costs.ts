import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Cost tracking. `run_costs`: what each succeeded run used, as its worker measured it, and its
 * price under the tenant's cost model at the time (the model is kept with it, so a later change
 * of prices does not rewrite history). On Databricks also the compute's spec as the worker read
 * it from the workspace, and the hourly rate and auto-stop minutes the run was priced with. `tenant_cost_models`: a tenant's prices, set by a
 * platform operator; a tenant without one is priced by the platform's default model.
 */
export class RunCosts1766300000000 implements MigrationInterface {
  name = 'RunCosts1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE run_costs (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        run_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        pipeline_name text NOT NULL,
        engine text NOT NULL CHECK (engine IN ('embedded', 'databricks')),
        finished_at timestamptz NOT NULL,
        wall_ms bigint NOT NULL CHECK (wall_ms >= 0),
        cpu_ms bigint NOT NULL CHECK (cpu_ms >= 0),
        shared_worker boolean NOT NULL,
        bytes_read bigint NOT NULL CHECK (bytes_read >= 0),
        bytes_skipped bigint NOT NULL CHECK (bytes_skipped >= 0),
        bytes_written bigint CHECK (bytes_written >= 0),
        rows_read bigint NOT NULL CHECK (rows_read >= 0),
        rows_written bigint NOT NULL CHECK (rows_written >= 0),
        cost_usd double precision NOT NULL CHECK (cost_usd >= 0),
        spot_savings_usd double precision NOT NULL CHECK (spot_savings_usd >= 0),
        hourly_usd double precision CHECK (hourly_usd >= 0),
        auto_stop_minutes integer CHECK (auto_stop_minutes >= 0),
        compute jsonb,
        model jsonb NOT NULL,
        PRIMARY KEY (tenant_id, run_id)
      )`);
    await queryRunner.query(`CREATE INDEX run_costs_by_month ON run_costs (tenant_id, finished_at)`);
    await enableTenantRls(queryRunner, 'run_costs');

    await queryRunner.query(`
      CREATE TABLE tenant_cost_models (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        model jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(queryRunner, 'tenant_cost_models');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tenant_cost_models', 'run_costs']) {
      await disableTenantRls(queryRunner, table);
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
