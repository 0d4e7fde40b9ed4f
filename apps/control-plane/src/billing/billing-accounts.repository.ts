import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { BILLING_COLUMNS, billingAccountOf, stateOf, type BillingAccount } from './billing-account';
import { applyBillingSignal, type BillingSignal, type BillingState, type BillingStatus } from './billing-state';

/**
 * Tenants' billing rows. A tenant's own row is read and written in its scope; finding the
 * tenant behind a Stripe customer, and the operators' overview, need platform scope.
 */
@Injectable()
export class BillingAccountsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Inside the transaction that creates the tenant, so no tenant exists without its billing row. */
  async openWithin(tx: EntityManager, tenantId: string, planId: string, status: BillingStatus): Promise<void> {
    await tx.query(`INSERT INTO tenant_billing (tenant_id, plan_id, status) VALUES ($1, $2, $3)`, [tenantId, planId, status]);
  }

  async get(tenantId: string): Promise<BillingAccount | null> {
    const rows = await this.scope.readForTenant(tenantId, (manager) => manager.query(`SELECT ${BILLING_COLUMNS} FROM tenant_billing WHERE tenant_id = $1`, [tenantId]));
    return rows.length > 0 ? billingAccountOf(rows[0]) : null;
  }

  list(): Promise<BillingAccount[]> {
    return this.scope.asPlatform('operator billing overview', async (tx) =>
      (await tx.query(`SELECT ${BILLING_COLUMNS} FROM tenant_billing ORDER BY tenant_id`)).map(billingAccountOf),
    );
  }

  async linkCustomer(tenantId: string, customerId: string): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(`UPDATE tenant_billing SET stripe_customer_id = $2, account_error = NULL, updated_at = now() WHERE tenant_id = $1 AND stripe_customer_id IS NULL`, [tenantId, customerId]),
    );
  }

  /**
   * Applies what Stripe answered to a request of ours (a subscription it created or canceled)
   * by the same rule as its events: under the row's lock, only when at least as new as the state.
   */
  async applySignal(tenantId: string, signal: BillingSignal): Promise<BillingAccount | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const rows = await tx.query(`SELECT ${BILLING_COLUMNS} FROM tenant_billing WHERE tenant_id = $1 FOR UPDATE`, [tenantId]);
      if (rows.length === 0) return null;
      const account = billingAccountOf(rows[0]);
      const after = applyBillingSignal(stateOf(account), signal);
      await this.saveStateWithin(tx, tenantId, null, after);
      await tx.query(`UPDATE tenant_billing SET account_error = NULL WHERE tenant_id = $1`, [tenantId]);
      return { ...account, status: after.status, subscriptionId: after.subscriptionId, statusAsOf: after.asOf, accountError: null };
    });
  }

  async setPlan(tenantId: string, planId: string): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) => tx.query(`UPDATE tenant_billing SET plan_id = $2, updated_at = now() WHERE tenant_id = $1`, [tenantId, planId]));
  }

  async recordAccountError(tenantId: string, message: string): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) => tx.query(`UPDATE tenant_billing SET account_error = $2, updated_at = now() WHERE tenant_id = $1`, [tenantId, message]));
  }

  /** Locks the row of the tenant a Stripe event concerns: by its customer, else by the tenant the object names. */
  async lockForEvent(tx: EntityManager, customerId: string | null, tenantHint: string | null): Promise<BillingAccount | null> {
    const rows = await tx.query(
      `SELECT ${BILLING_COLUMNS} FROM tenant_billing
       WHERE stripe_customer_id = $1 OR (stripe_customer_id IS NULL AND tenant_id::text = $2)
       ORDER BY (stripe_customer_id = $1) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
      [customerId, tenantHint],
    );
    return rows.length > 0 ? billingAccountOf(rows[0]) : null;
  }

  async saveStateWithin(tx: EntityManager, tenantId: string, customerId: string | null, state: BillingState): Promise<void> {
    await tx.query(
      `UPDATE tenant_billing SET status = $2, subscription_id = $3, status_as_of = $4, stripe_customer_id = COALESCE(stripe_customer_id, $5), updated_at = now() WHERE tenant_id = $1`,
      [tenantId, state.status, state.subscriptionId, state.asOf, customerId],
    );
  }

  async noteTrialEndWithin(tx: EntityManager, tenantId: string, trialEnd: Date): Promise<void> {
    await tx.query(`UPDATE tenant_billing SET trial_will_end_at = $2, updated_at = now() WHERE tenant_id = $1`, [tenantId, trialEnd]);
  }
}
