import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { DatabaseScope } from '../database/database-scope';
import { stateOf } from './billing-account';
import { BillingAccountsRepository } from './billing-accounts.repository';
import { billingSignalOf } from './billing-signal';
import { applyBillingSignal } from './billing-state';

/** What became of one delivered event; Stripe is answered 2xx for all of them (none would change on retry). */
export type WebhookOutcome = 'applied' | 'unchanged' | 'ignored' | 'unknown_customer' | 'duplicate';

/**
 * Applies verified Stripe events to tenants' billing. Each event is applied at most once: its id
 * is stored in the same transaction that applies it, so a redelivery finds it and changes
 * nothing, and a failure stores neither (Stripe delivers it again). Order does not matter: the
 * state moves only on events at least as new as the one that set it (applyBillingSignal).
 */
@Injectable()
export class StripeWebhookService {
  private readonly logger = new Logger(StripeWebhookService.name);

  constructor(
    private readonly scope: DatabaseScope,
    private readonly accounts: BillingAccountsRepository,
  ) {}

  apply(event: Stripe.Event): Promise<WebhookOutcome> {
    return this.scope.asPlatform('stripe webhook: find the tenant behind a Stripe customer', async (tx) => {
      const inserted = await tx.query(`INSERT INTO stripe_events (id, type, created, outcome) VALUES ($1, $2, $3, 'received') ON CONFLICT (id) DO NOTHING RETURNING id`, [
        event.id,
        event.type,
        event.created,
      ]);
      if (inserted.length === 0) return 'duplicate';
      const read = billingSignalOf(event);
      let outcome: WebhookOutcome = 'ignored';
      let tenantId: string | null = null;
      if (read) {
        const account = await this.accounts.lockForEvent(tx, read.customerId, read.tenantHint);
        if (!account) {
          outcome = 'unknown_customer';
        } else {
          tenantId = account.tenantId;
          const before = stateOf(account);
          const after = read.signal ? applyBillingSignal(before, read.signal) : before;
          const saves = after !== before || (account.stripeCustomerId === null && read.customerId !== null);
          if (saves) await this.accounts.saveStateWithin(tx, account.tenantId, read.customerId, after);
          if (read.trialEnd !== undefined) await this.accounts.noteTrialEndWithin(tx, account.tenantId, new Date(read.trialEnd * 1000));
          outcome = saves || read.trialEnd !== undefined ? 'applied' : 'unchanged';
          if (after.status !== before.status) {
            this.logger.log({ msg: 'billing status changed', tenantId: account.tenantId, from: before.status, to: after.status, stripeEvent: event.id, eventType: event.type });
          }
        }
      }
      await tx.query(`UPDATE stripe_events SET outcome = $2, tenant_id = $3 WHERE id = $1`, [event.id, outcome, tenantId]);
      return outcome;
    });
  }
}
