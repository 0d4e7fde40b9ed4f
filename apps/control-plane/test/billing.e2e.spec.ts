import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { BILLING_QUEUE } from '@ade/contracts';
import { eventually, testRedisUrl } from '@ade/testing';
import { invoiceObject, signedDelivery, stripeEvent, subscriptionObject } from '../../../libs/testing/src/stripe-events';
import { startFakeStripe, type FakeStripe } from '../../../libs/testing/src/stripe-server';
import { BillingJobs } from '../src/billing/billing-jobs';
import { ScheduledRunProcessor } from '../src/runs/scheduled-run.processor';
import { superuserDb } from './audit-db';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, stripeBillingEnv, type TenantFixture } from './factories';
import { workerEvents, type EventSender } from './worker-events';

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const WEBHOOK = '/v1/billing/stripe/webhook';

describe('billing with Stripe', () => {
  let stripe: FakeStripe;
  let cp: ControlPlaneHarness;
  let db: Client;
  let events: EventSender;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    cp = await startControlPlane({
      label: 'billing',
      env: { ...stripeBillingEnv(stripe, webhookSecret), BILLING_DEFAULT_PLAN: 'starter' },
    });
    db = await superuserDb(cp);
    events = workerEvents(cp);
  });
  afterAll(async () => {
    await events?.close();
    await db?.end();
    await cp?.close();
    await stripe?.close();
  });

  const deliver = (event: Record<string, unknown>, timestamp?: number) => {
    const { body, signature } = signedDelivery(event, webhookSecret, timestamp);
    return cp.http().post(WEBHOOK).set('content-type', 'application/json').set('stripe-signature', signature).send(body);
  };
  const billingOf = async (tenant: TenantFixture) => (await cp.http().get('/v1/billing').set(as(tenant.admin.token)).expect(200)).body;
  /** A tenant whose Stripe customer and trial subscription the account job has opened. */
  const openedTenant = async () => {
    const tenant = await createTenant(cp);
    const billing = await eventually(() => billingOf(tenant), (view) => view.stripe.subscriptionId !== null, { what: 'the Stripe account to be opened' });
    return { tenant, customer: billing.stripe.customerId as string, subscription: billing.stripe.subscriptionId as string };
  };
  const subscriptionEvent = (type: string, opened: { tenant: TenantFixture; customer: string; subscription: string }, status: string, created: number) =>
    stripeEvent(type, subscriptionObject({ id: opened.subscription, customer: opened.customer, status, tenantId: opened.tenant.tenantId }), created);

  describe('opening a tenant’s account', () => {
    it('creates one Stripe customer and one trial subscription on the tenant’s plan, even when Stripe’s answer is lost', async () => {
      stripe.failNext('POST', '/v1/customers', { drop: true });
      const { tenant, customer, subscription } = await openedTenant();
      const created = stripe.state.customers.get(customer)!;
      expect(created).toMatchObject({ name: `Tenant ${tenant.slug}`, metadata: { tenant_id: tenant.tenantId } });
      expect([...stripe.state.customers.values()].filter((c) => (c.metadata as Record<string, string>).tenant_id === tenant.tenantId)).toHaveLength(1);
      const customerCalls = stripe.requests.filter((r) => r.path === '/v1/customers' && r.idempotencyKey === `ade-tenant-${tenant.tenantId}-customer`);
      expect(customerCalls.map((r) => r.replayed)).toEqual([false, true]);
      expect(stripe.state.subscriptions.get(subscription)).toMatchObject({
        customer,
        status: 'trialing',
        metadata: { tenant_id: tenant.tenantId },
        items: { data: [expect.objectContaining({ price: expect.objectContaining({ id: 'price_starter_base' }), quantity: 1 }), expect.objectContaining({ price: expect.objectContaining({ id: 'price_starter_records' }) })] },
      });
      const view = await billingOf(tenant);
      expect(view).toMatchObject({ status: 'trialing', runsAllowed: true, plan: { id: 'starter', includedRecordsPerMonth: 1_000_000 }, stripe: { accountError: null } });
    });

    it('starts a tenant on the plan its creator names, and refuses one that does not exist naming the field', async () => {
      const operator = await operatorToken(cp);
      const slug = `pro-${randomBytes(3).toString('hex')}`;
      const created = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Pro', slug, plan: 'professional' }).expect(201);
      const accounts = await cp.http().get('/v1/billing/accounts').set(as(operator)).expect(200);
      expect(accounts.body.items.find((a: { tenantId: string }) => a.tenantId === created.body.id)).toMatchObject({ plan: { id: 'professional' }, status: 'trialing' });
      const refused = await cp.http().post('/v1/tenants').set(as(operator)).send({ name: 'Gold', slug: `gold-${randomBytes(3).toString('hex')}`, plan: 'gold' }).expect(400);
      expect(refused.body.fields).toEqual([{ field: 'plan', message: 'is not a plan of this platform (plans: starter, professional, enterprise)' }]);
    });
  });

  describe('the webhook', () => {
    it('applies an event delivered three times once', async () => {
      const opened = await openedTenant();
      const event = subscriptionEvent('customer.subscription.updated', opened, 'active', Math.floor(Date.now() / 1000));
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push((await deliver(event).expect(200)).body.outcome);
      expect(outcomes).toEqual(['applied', 'duplicate', 'duplicate']);
      const { rows } = await db.query(`SELECT tenant_id, outcome FROM stripe_events WHERE id = $1`, [event.id]);
      expect(rows).toEqual([{ tenant_id: opened.tenant.tenantId, outcome: 'applied' }]);
      expect((await billingOf(opened.tenant)).status).toBe('active');
    });

    it('refuses an unsigned delivery, a bad signature and a too-old timestamp with 400, storing nothing', async () => {
      const opened = await openedTenant();
      const event = subscriptionEvent('customer.subscription.updated', opened, 'canceled', Math.floor(Date.now() / 1000));
      const unsigned = await cp.http().post(WEBHOOK).set('content-type', 'application/json').send(JSON.stringify(event)).expect(400);
      expect(unsigned.body.fields).toEqual([{ field: 'stripe-signature', message: 'header is required: Stripe signs every webhook delivery' }]);
      const forged = signedDelivery(event, `whsec_${randomBytes(16).toString('hex')}`);
      const bad = await cp.http().post(WEBHOOK).set('content-type', 'application/json').set('stripe-signature', forged.signature).send(forged.body).expect(400);
      expect(bad.body.fields[0]).toEqual({ field: 'stripe-signature', message: 'does not verify: No signatures found matching the expected signature for payload' });
      const signed = signedDelivery(event, webhookSecret);
      const tampered = await cp.http().post(WEBHOOK).set('content-type', 'application/json').set('stripe-signature', signed.signature).send(signed.body.replace('canceled', 'active')).expect(400);
      expect(tampered.body.fields[0].field).toBe('stripe-signature');
      const old = await deliver(event, Math.floor(Date.now() / 1000) - 301).expect(400);
      expect(old.body.fields[0]).toEqual({ field: 'stripe-signature', message: 'does not verify: Timestamp outside the tolerance zone' });
      expect((await db.query(`SELECT 1 FROM stripe_events WHERE id = $1`, [event.id])).rows).toEqual([]);
      expect((await billingOf(opened.tenant)).status).toBe('trialing');
    });

    it('ends in the state of the newest event, whatever the order they arrive in', async () => {
      const opened = await openedTenant();
      const t = Math.floor(Date.now() / 1000);
      await deliver(subscriptionEvent('customer.subscription.updated', opened, 'active', t + 20)).expect(200);
      expect((await deliver(subscriptionEvent('customer.subscription.updated', opened, 'past_due', t + 10)).expect(200)).body.outcome).toBe('unchanged');
      expect((await deliver(subscriptionEvent('customer.subscription.created', opened, 'trialing', t)).expect(200)).body.outcome).toBe('unchanged');
      expect((await billingOf(opened.tenant)).status).toBe('active');
      await deliver(stripeEvent('customer.subscription.deleted', subscriptionObject({ id: opened.subscription, customer: opened.customer, status: 'canceled' }), t + 40)).expect(200);
      await deliver(subscriptionEvent('customer.subscription.updated', opened, 'active', t + 30)).expect(200);
      expect((await billingOf(opened.tenant)).status).toBe('canceled');
    });

    it('finds the tenant by the subscription’s metadata when the event outruns the stored customer, and answers 200 for customers it does not know', async () => {
      const tenant = await createTenant(cp);
      const opened = { tenant, customer: `cus_${randomBytes(8).toString('hex')}`, subscription: `sub_${randomBytes(8).toString('hex')}` };
      await db.query(`UPDATE tenant_billing SET stripe_customer_id = NULL, subscription_id = NULL WHERE tenant_id = $1`, [tenant.tenantId]);
      await deliver(subscriptionEvent('customer.subscription.created', opened, 'active', Math.floor(Date.now() / 1000) + 5)).expect(200);
      expect((await billingOf(tenant)).stripe).toMatchObject({ customerId: opened.customer, subscriptionId: opened.subscription });
      const stranger = stripeEvent('customer.subscription.updated', subscriptionObject({ id: 'sub_elsewhere', customer: 'cus_elsewhere', status: 'active' }));
      expect((await deliver(stranger).expect(200)).body).toEqual({ received: true, outcome: 'unknown_customer' });
      expect((await deliver(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge' })).expect(200)).body.outcome).toBe('ignored');
    });

    it('records when a trial will end', async () => {
      const opened = await openedTenant();
      const trialEnd = Math.floor(Date.now() / 1000) + 3 * 86_400;
      const event = stripeEvent('customer.subscription.trial_will_end', subscriptionObject({ id: opened.subscription, customer: opened.customer, status: 'trialing', trialEnd }));
      expect((await deliver(event).expect(200)).body.outcome).toBe('applied');
      expect((await billingOf(opened.tenant)).trialWillEndAt).toBe(new Date(trialEnd * 1000).toISOString());
    });
  });

  describe('standing', () => {
    it('goes past due, then suspended on the final failed payment: run triggers answer 402 and schedules skip; payment restores both', async () => {
      const opened = await openedTenant();
      const { tenant } = opened;
      const pipeline = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
      const trigger = () => cp.http().post(`/v1/pipelines/${pipeline.body.id}/runs`).set(as(tenant.admin.token));
      const t = Math.floor(Date.now() / 1000);
      const invoice = (status: 'paid' | 'open', attempt: number, next: number | null) =>
        invoiceObject({ customer: opened.customer, subscription: opened.subscription, status, attemptCount: attempt, nextPaymentAttempt: next });

      await deliver(subscriptionEvent('customer.subscription.updated', opened, 'active', t)).expect(200);
      await deliver(stripeEvent('invoice.payment_failed', invoice('open', 1, t + 86_400), t + 1)).expect(200);
      expect(await billingOf(tenant)).toMatchObject({ status: 'past_due', runsAllowed: true });
      await trigger().expect(202);

      await deliver(stripeEvent('invoice.payment_failed', invoice('open', 4, null), t + 2)).expect(200);
      expect(await billingOf(tenant)).toMatchObject({ status: 'suspended', runsAllowed: false });
      const refused = await trigger().expect(402);
      expect(refused.body).toMatchObject({ error: 'payment_required', message: "runs are paused: the tenant's subscription is suspended; runs resume once the unpaid invoice is paid in Stripe" });
      const runs = await cp.http().get('/v1/runs').set(as(tenant.admin.token)).expect(200);
      expect(runs.body.items.filter((r: { pipelineId: string }) => r.pipelineId === pipeline.body.id)).toHaveLength(1);
      const scheduled = await cp.app.get(ScheduledRunProcessor).process({ data: { tenantId: tenant.tenantId, pipelineId: pipeline.body.id } } as never);
      expect(scheduled).toEqual({ skipped: 'paused by billing' });

      await deliver(stripeEvent('invoice.paid', invoice('paid', 5, null), t + 3)).expect(200);
      expect(await billingOf(tenant)).toMatchObject({ status: 'active', runsAllowed: true });
      await trigger().expect(202);
      expect(await cp.app.get(ScheduledRunProcessor).process({ data: { tenantId: tenant.tenantId, pipelineId: pipeline.body.id } } as never)).toHaveProperty('runId');
    });
  });

  describe('usage', () => {
    /** A run of `records` rows that the data plane reports as succeeded. */
    const succeededRun = async (tenant: TenantFixture, records: number) => {
      const pipeline = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
      const run = await cp.http().post(`/v1/pipelines/${pipeline.body.id}/runs`).set(as(tenant.admin.token)).expect(202);
      const at = new Date().toISOString();
      await events.send({ name: 'run.started', data: { tenantId: tenant.tenantId, runId: run.body.id, attempt: 1, at } });
      const succeeded = {
        name: 'run.succeeded' as const,
        data: { tenantId: tenant.tenantId, runId: run.body.id, attempt: 1, at, bronzeTable: `${tenant.catalogName}.bronze.claims`, counts: { rowsLoaded: records, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 }, durationMs: 10 },
      };
      await events.send(succeeded);
      return { runId: run.body.id as string, succeeded };
    };
    const ledgerOf = async (runId: string) => (await db.query(`SELECT status, records::int, attempts, meter_event_identifier FROM usage_records WHERE run_id = $1`, [runId])).rows[0];
    const reported = (runId: string) => eventually(() => ledgerOf(runId), (row) => row?.status === 'reported', { timeoutMs: 20_000, what: 'the usage to be reported' });

    it('reports a run’s records to the meter once, and shows them in the month’s usage', async () => {
      const { tenant, customer } = await openedTenant();
      const { runId, succeeded } = await succeededRun(tenant, 1234);
      expect(await reported(runId)).toEqual({ status: 'reported', records: 1234, attempts: 1, meter_event_identifier: `ade-run-${runId}` });
      // The success event delivered again records nothing new.
      await events.send({ ...succeeded, data: { ...succeeded.data } }).catch(() => undefined);
      expect(stripe.meteredValue(customer, 'ade_records_processed')).toBe(1234);
      expect((await billingOf(tenant)).usage).toMatchObject({ runs: 1, records: 1234, reportedRecords: 1234, pendingRecords: 0, overageRecords: 0, estimatedOverageCents: 0 });
      const event = stripe.state.meterEvents.find((e) => e.identifier === `ade-run-${runId}`)!;
      expect(event.payload).toEqual({ stripe_customer_id: customer, value: '1234' });
    });

    it('reports once across lost answers from Stripe and a retry of the reporting job', async () => {
      const { tenant, customer } = await openedTenant();
      // Stripe records the event each time but the answer never arrives: the SDK's two retries
      // fail too, so the job fails and BullMQ runs it again.
      stripe.failNext('POST', '/v1/billing/meter_events', { drop: true }, 3);
      const { runId } = await succeededRun(tenant, 500);
      const row = await reported(runId);
      expect(row).toMatchObject({ status: 'reported', records: 500, attempts: 2 });
      const calls = stripe.requests.filter((r) => r.path === '/v1/billing/meter_events' && r.idempotencyKey === `ade-usage-${runId}`);
      expect(calls.length).toBe(4);
      expect(calls.map((r) => r.replayed)).toEqual([false, true, true, true]);
      expect(stripe.meteredValue(customer, 'ade_records_processed')).toBe(500);
    });

    it('reports once when the worker dies between Stripe’s answer and recording it', async () => {
      const { tenant, customer } = await openedTenant();
      // The acknowledgement never commits, once: what a crash after Stripe answered leaves behind.
      await db.query(`CREATE OR REPLACE FUNCTION crash_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- A sequence advances even when the transaction rolls back: the crash happens once.
          IF NEW.status = 'reported' AND EXISTS (SELECT 1 FROM crash_plan WHERE run_id = NEW.run_id) AND nextval('crash_tries') = 1 THEN
            RAISE EXCEPTION 'worker died before recording the report';
          END IF;
          RETURN NEW;
        END $$`);
      await db.query(`CREATE TABLE crash_plan (run_id uuid PRIMARY KEY)`);
      await db.query(`CREATE SEQUENCE crash_tries`);
      await db.query(`GRANT ALL ON crash_plan, crash_tries TO PUBLIC`);
      await db.query(`CREATE OR REPLACE TRIGGER crash_before_ack BEFORE UPDATE ON usage_records FOR EACH ROW EXECUTE FUNCTION crash_once()`);
      const pipeline = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
      const run = await cp.http().post(`/v1/pipelines/${pipeline.body.id}/runs`).set(as(tenant.admin.token)).expect(202);
      await db.query(`INSERT INTO crash_plan VALUES ($1)`, [run.body.id]);
      const at = new Date().toISOString();
      await events.send({ name: 'run.succeeded', data: { tenantId: tenant.tenantId, runId: run.body.id, attempt: 1, at, bronzeTable: `${tenant.catalogName}.bronze.claims`, counts: { rowsLoaded: 777, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 }, durationMs: 5 } });
      const row = await reported(run.body.id);
      await db.query(`DROP TRIGGER crash_before_ack ON usage_records`);
      expect(row).toMatchObject({ status: 'reported', records: 777 });
      const calls = stripe.requests.filter((r) => r.idempotencyKey === `ade-usage-${run.body.id}`);
      expect(calls.map((r) => r.replayed)).toEqual([false, true]);
      expect(stripe.meteredValue(customer, 'ade_records_processed')).toBe(777);
    });

    /** Runs the reconciliation through the billing queue and waits for its summary. */
    const reconcile = async () => {
      const queue = new Queue(BILLING_QUEUE, { connection: { url: testRedisUrl }, prefix: cp.config.queue.prefix });
      try {
        const id = await cp.app.get(BillingJobs).reconcileNow();
        const job = await eventually(() => queue.getJob(id), (found) => found?.finishedOn !== undefined, { timeoutMs: 20_000, what: 'the reconciliation to finish' });
        if (job!.failedReason) throw new Error(`reconciliation failed: ${job!.failedReason}`);
        return job!.returnvalue as { requeued: number; accountsReopened: number; tenants: number; mismatches: number };
      } finally {
        await queue.close();
      }
    };

    it('reconciles each tenant’s reported records with Stripe’s meter, keeping both figures', async () => {
      const { tenant, customer } = await openedTenant();
      const { runId } = await succeededRun(tenant, 300);
      await reported(runId);
      await reconcile();
      expect((await billingOf(tenant)).usage.reconciliation).toMatchObject({ ledgerRecords: 300, stripeRecords: 300 });
      // Usage Stripe counted that no run of ours reported: the difference shows, and is counted.
      stripe.state.meterEvents.push({ object: 'billing.meter_event', event_name: 'ade_records_processed', identifier: `manual-${randomBytes(4).toString('hex')}`, payload: { stripe_customer_id: customer, value: '5' }, timestamp: Math.floor(Date.now() / 1000), created: Math.floor(Date.now() / 1000), livemode: false });
      expect((await reconcile()).mismatches).toBeGreaterThanOrEqual(1);
      expect((await billingOf(tenant)).usage.reconciliation).toMatchObject({ ledgerRecords: 300, stripeRecords: 305 });
    });

    it('queues again usage whose report gave up, so it is reported once in the end', async () => {
      const { tenant, customer } = await openedTenant();
      // Stripe refuses the report: a refusal is not retried, and the row stays pending.
      stripe.failNext('POST', '/v1/billing/meter_events', { status: 400 }, 1);
      const { runId } = await succeededRun(tenant, 42);
      await eventually(() => ledgerOf(runId), (row) => row?.attempts === 1, { what: 'the refused report' });
      expect(await ledgerOf(runId)).toMatchObject({ status: 'pending', records: 42 });
      await db.query(`UPDATE usage_records SET occurred_at = now() - interval '2 hours' WHERE run_id = $1`, [runId]);
      const summary = await reconcile();
      expect(summary.requeued).toBeGreaterThanOrEqual(1);
      expect(await reported(runId)).toMatchObject({ status: 'reported', records: 42 });
      expect(stripe.meteredValue(customer, 'ade_records_processed')).toBe(42);
    });

    it('opens again a Stripe account whose opening Stripe refused, showing why until then', async () => {
      stripe.failNext('POST', '/v1/customers', { status: 400 }, 1);
      const tenant = await createTenant(cp);
      const refused = await eventually(() => billingOf(tenant), (view) => view.stripe.accountError !== null, { what: 'the refusal to be recorded' });
      expect(refused.stripe).toMatchObject({ customerId: null, accountError: 'Stripe refused the request (invalid_request_error): The request was refused (status 400, injected by the test).' });
      expect((await reconcile()).accountsReopened).toBeGreaterThanOrEqual(1);
      const opened = await eventually(() => billingOf(tenant), (view) => view.stripe.subscriptionId !== null, { what: 'the account to be opened' });
      expect(opened.stripe).toMatchObject({ customerId: expect.stringMatching(/^cus_/), accountError: null });
      expect([...stripe.state.customers.values()].filter((c) => (c.metadata as Record<string, string>).tenant_id === tenant.tenantId)).toHaveLength(1);
    });

    it('records no usage for a run that processed nothing', async () => {
      const { tenant } = await openedTenant();
      const { runId } = await succeededRun(tenant, 0);
      expect(await ledgerOf(runId)).toBeUndefined();
      expect((await billingOf(tenant)).usage.runs).toBe(0);
    });
  });

  describe('subscriptions through the API', () => {
    const planOf = (subscriptionId: string) => (stripe.state.subscriptions.get(subscriptionId)!.items as { data: Array<{ price: { id: string } }> }).data.map((item) => item.price.id);

    it('changes a tenant’s plan in Stripe for its admin or an operator, refusing other tenants (404) and unknown plans (400)', async () => {
      const opened = await openedTenant();
      const { tenant } = opened;
      const changed = await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set(as(tenant.admin.token)).send({ plan: 'professional' }).expect(200);
      expect(changed.body.plan).toMatchObject({ id: 'professional', includedRecordsPerMonth: 20_000_000 });
      expect(planOf(opened.subscription)).toEqual(['price_professional_base', 'price_professional_records']);
      const operator = await operatorToken(cp);
      await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set(as(operator)).send({ plan: 'enterprise' }).expect(200);
      expect(planOf(opened.subscription)).toEqual(['price_enterprise_base', 'price_enterprise_records']);
      const other = await createTenant(cp);
      await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set(as(other.admin.token)).send({ plan: 'starter' }).expect(404);
      const refused = await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set(as(operator)).send({ plan: 'gold' }).expect(400);
      expect(refused.body.fields).toEqual([{ field: 'plan', message: 'is not a plan of this platform (plans: starter, professional, enterprise)' }]);
      expect(planOf(opened.subscription)).toEqual(['price_enterprise_base', 'price_enterprise_records']);
    });

    it('cancels at period end or at once; a canceled tenant subscribes again through the API or a Checkout page', async () => {
      const opened = await openedTenant();
      const { tenant } = opened;
      const base = `/v1/tenants/${tenant.tenantId}/billing`;
      const atEnd = await cp.http().delete(`${base}/subscription`).set(as(tenant.admin.token)).expect(200);
      expect(atEnd.body.status).toBe('trialing');
      expect(stripe.state.subscriptions.get(opened.subscription)).toMatchObject({ cancel_at_period_end: true, status: 'trialing' });
      const now = await cp.http().delete(`${base}/subscription`).query({ when: 'now' }).set(as(tenant.admin.token)).expect(200);
      expect(now.body).toMatchObject({ status: 'canceled', runsAllowed: false });
      await cp.http().delete(`${base}/subscription`).set(as(tenant.admin.token)).expect(409);

      const checkout = await cp.http().post(`${base}/checkout-session`).set(as(tenant.admin.token)).send({ plan: 'professional', successUrl: 'https://app.example.org/billing/done', cancelUrl: 'https://app.example.org/billing' }).expect(201);
      expect(checkout.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
      expect(stripe.state.checkoutSessions.at(-1)).toMatchObject({
        mode: 'subscription',
        customer: opened.customer,
        client_reference_id: tenant.tenantId,
        line_items: [{ price: 'price_professional_base', quantity: '1' }, { price: 'price_professional_records' }],
        subscription_data: { metadata: { tenant_id: tenant.tenantId } },
      });
      const badUrl = await cp.http().post(`${base}/checkout-session`).set(as(tenant.admin.token)).send({ successUrl: 'javascript:alert(1)', cancelUrl: 'https://app.example.org' }).expect(400);
      expect(badUrl.body.fields[0].field).toBe('successUrl');

      const again = await cp.http().put(`${base}/plan`).set(as(tenant.admin.token)).send({ plan: 'starter' }).expect(200);
      expect(again.body).toMatchObject({ status: 'active', runsAllowed: true, plan: { id: 'starter' } });
      expect(again.body.stripe.subscriptionId).not.toBe(opened.subscription);
      expect(planOf(again.body.stripe.subscriptionId)).toEqual(['price_starter_base', 'price_starter_records']);
      await cp.http().post(`${base}/checkout-session`).set(as(tenant.admin.token)).send({ successUrl: 'https://app.example.org/ok', cancelUrl: 'https://app.example.org' }).expect(409);
      // The old subscription's late news changes nothing.
      await deliver(stripeEvent('customer.subscription.deleted', subscriptionObject({ id: opened.subscription, customer: opened.customer, status: 'canceled' }), Math.floor(Date.now() / 1000) + 60)).expect(200);
      expect((await billingOf(tenant)).status).toBe('active');
    });

    it('opens the billing portal for the tenant’s customer', async () => {
      const opened = await openedTenant();
      const portal = await cp.http().post(`/v1/tenants/${opened.tenant.tenantId}/billing/portal-session`).set(as(opened.tenant.admin.token)).send({ returnUrl: 'https://app.example.org/billing' }).expect(201);
      expect(portal.body.url).toMatch(/^https:\/\/billing\.stripe\.com\/p\/session\//);
    });

    it('answers 503 and changes nothing when Stripe cannot be reached', async () => {
      const opened = await openedTenant();
      stripe.failNext('GET', `/v1/subscriptions/${opened.subscription}`, { status: 500 }, 3);
      const refused = await cp.http().put(`/v1/tenants/${opened.tenant.tenantId}/billing/plan`).set(as(opened.tenant.admin.token)).send({ plan: 'professional' }).expect(503);
      expect(refused.body.message).toBe('Stripe could not be reached; nothing was changed, try again shortly');
      expect((await billingOf(opened.tenant)).plan.id).toBe('starter');
      expect(planOf(opened.subscription)).toEqual(['price_starter_base', 'price_starter_records']);
    });
  });

  describe('plan limits', () => {
    it('refuses a pipeline or a user beyond the plan’s limit with 402 naming it, and a larger plan lifts it', async () => {
      const { tenant } = await openedTenant();
      for (let i = 0; i < 5; i++) await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
      const sixth = await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(402);
      expect(sixth.body).toMatchObject({ error: 'payment_required', message: 'plan limit reached: the Starter plan (starter) allows 5 pipelines and the tenant has 5; change to a larger plan to add more' });
      const user = (i: number) => ({ email: `seat-${i}-${randomBytes(3).toString('hex')}@${tenant.slug}.test`, password: randomBytes(12).toString('hex'), role: 'tenant_viewer' });
      for (let i = 0; i < 4; i++) await cp.http().post('/v1/users').set(as(tenant.admin.token)).send(user(i)).expect(201);
      const extraSeat = await cp.http().post('/v1/users').set(as(tenant.admin.token)).send(user(5)).expect(402);
      expect(extraSeat.body.message).toBe('plan limit reached: the Starter plan (starter) allows 5 seats (users) and the tenant has 5; change to a larger plan to add more');
      await cp.http().put(`/v1/tenants/${tenant.tenantId}/billing/plan`).set(as(tenant.admin.token)).send({ plan: 'professional' }).expect(200);
      await cp.http().post('/v1/pipelines').set(as(tenant.admin.token)).send(pipelineBody()).expect(201);
      await cp.http().post('/v1/users').set(as(tenant.admin.token)).send(user(6)).expect(201);
    });
  });

  describe('who sees what', () => {
    it('shows a tenant its own billing only, and operators every tenant’s', async () => {
      const a = await openedTenant();
      const b = await openedTenant();
      expect((await billingOf(a.tenant)).tenantId).toBe(a.tenant.tenantId);
      expect((await billingOf(b.tenant)).stripe.customerId).toBe(b.customer);
      await cp.http().get('/v1/billing/accounts').set(as(a.tenant.admin.token)).expect(403);
      const operator = await operatorToken(cp);
      const all = await cp.http().get('/v1/billing/accounts').set(as(operator)).expect(200);
      const ids = all.body.items.map((item: { tenantId: string }) => item.tenantId);
      expect(ids).toEqual(expect.arrayContaining([a.tenant.tenantId, b.tenant.tenantId]));
      await cp.http().get('/v1/billing').set(as(operator)).expect(403);
    });
  });
});

describe('billing without Stripe', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane({ label: 'billing-off', env: { BILLING_DEFAULT_PLAN: 'starter' } });
  });
  afterAll(() => cp?.close());

  it('keeps tenants active on the default plan, reports nothing, and has no webhook endpoint', async () => {
    const tenant = await createTenant(cp);
    const view = (await cp.http().get('/v1/billing').set(as(tenant.admin.token)).expect(200)).body;
    expect(view).toMatchObject({ status: 'active', runsAllowed: true, plan: { id: 'starter' }, stripe: { customerId: null, subscriptionId: null } });
    const event = stripeEvent('customer.subscription.deleted', subscriptionObject({ id: 'sub_1', customer: 'cus_1', status: 'canceled', tenantId: tenant.tenantId }));
    const { body, signature } = signedDelivery(event, 'whsec_anything');
    await cp.http().post(WEBHOOK).set('content-type', 'application/json').set('stripe-signature', signature).send(body).expect(404);
  });
});
