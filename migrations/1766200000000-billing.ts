import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * Billing. `tenant_billing`: each tenant's plan, its Stripe customer and subscription, and the
 * standing Stripe's events set (`status_as_of` is the Unix time of the event that set it, so an
 * older event arriving late changes nothing). `stripe_events`: every webhook event applied, by
 * Stripe's id, so a redelivery is recognised. `usage_records`: the ledger of records processed
 * per run and whether (and under which meter event identifier) Stripe was told.
 * `usage_reconciliations`: per tenant and month, the records the ledger says were reported and
 * what Stripe's meter summed, as of the last reconciliation.
 * Existing tenants start on the first default plan, active: they were using the platform before
 * billing existed, and nobody has a subscription to read yet.
 */
export class Billing1766200000000 implements MigrationInterface {
  name = 'Billing1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant_billing (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
        plan_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'suspended', 'canceled')),
        stripe_customer_id text UNIQUE,
        subscription_id text,
        status_as_of bigint NOT NULL DEFAULT 0,
        trial_will_end_at timestamptz,
        account_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(queryRunner, 'tenant_billing');
    await queryRunner.query(`INSERT INTO tenant_billing (tenant_id, plan_id, status) SELECT id, 'starter', 'active' FROM tenants`);

    await queryRunner.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        created bigint NOT NULL,
        tenant_id uuid REFERENCES tenants(id) ON DELETE CASCADE,
        outcome text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await enableTenantRls(queryRunner, 'stripe_events');

    await queryRunner.query(`
      CREATE TABLE usage_records (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        run_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        records bigint NOT NULL CHECK (records > 0),
        occurred_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'reported')),
        attempts integer NOT NULL DEFAULT 0,
        meter_event_identifier text,
        reported_at timestamptz,
        last_error text,
        PRIMARY KEY (tenant_id, run_id)
      )`);
    await queryRunner.query(`CREATE INDEX usage_records_pending ON usage_records (occurred_at) WHERE status = 'pending'`);
    await enableTenantRls(queryRunner, 'usage_records');

    await queryRunner.query(`
      CREATE TABLE usage_reconciliations (
        tenant_id uuid NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),
        ledger_records bigint NOT NULL,
        stripe_records bigint NOT NULL,
        checked_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, month)
      )`);
    await enableTenantRls(queryRunner, 'usage_reconciliations');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['usage_reconciliations', 'usage_records', 'stripe_events', 'tenant_billing']) {
      await disableTenantRls(queryRunner, table);
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
