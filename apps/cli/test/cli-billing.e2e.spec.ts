import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, makeTempDir } from '@ade/testing';
import { signedDelivery, stripeEvent, subscriptionObject } from '../../../libs/testing/src/stripe-events';
import { startFakeStripe, type FakeStripe } from '../../../libs/testing/src/stripe-server';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/control-plane.harness';
import { createTenant, stripeBillingEnv, type TenantFixture } from '../../control-plane/test/factories';
import { cliRunner } from './cli-harness';

describe('ade billing status', () => {
  let stripe: FakeStripe;
  let cp: ControlPlaneHarness;
  let dirs: Awaited<ReturnType<typeof makeTempDir>>;
  let tenant: TenantFixture;
  let ade: ReturnType<typeof cliRunner>;
  let asOperator: ReturnType<typeof cliRunner>;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;

  beforeAll(async () => {
    dirs = await makeTempDir('cli-billing');
    stripe = await startFakeStripe();
    cp = await startControlPlane({ label: 'cli-billing', env: { ...stripeBillingEnv(stripe, webhookSecret), BILLING_DEFAULT_PLAN: 'starter' } });
    await cp.app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(cp.app.getHttpServer().address() as AddressInfo).port}`;
    tenant = await createTenant(cp);
    ade = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'admin'), ADE_PASSWORD: tenant.admin.password });
    asOperator = cliRunner({ ADE_API_URL: apiUrl, ADE_CONFIG_DIR: join(dirs.path, 'operator'), ADE_PASSWORD: cp.operator.password });
    expect((await ade('login', '--email', tenant.admin.email)).code).toBe(0);
    expect((await asOperator('login', '--email', cp.operator.email)).code).toBe(0);
  });
  afterAll(async () => {
    await cp?.close();
    await stripe?.close();
    await dirs?.cleanup();
  });

  it("shows a tenant user its standing, plan, usage and Stripe account, and operators every tenant's", async () => {
    const view = await eventually(
      async () => (await cp.http().get('/v1/billing').set('authorization', `Bearer ${tenant.admin.token}`)).body,
      (body) => body.stripe?.subscriptionId != null,
      { what: 'the Stripe account to be opened' },
    );
    const status = await ade('billing', 'status');
    expect(status).toMatchObject({ code: 0, stderr: '' });
    expect(status.stdout).toContain('Status   trialing');
    expect(status.stdout).toContain('Plan     Starter (starter)');
    expect(status.stdout).toMatch(/Usage    \d{4}-\d{2}: 0 records in 0 runs of 1,000,000 included; 0 reported to Stripe, 0 pending/);
    expect(status.stdout).toContain(`Stripe   ${view.stripe.customerId}, subscription ${view.stripe.subscriptionId}`);

    const suspended = stripeEvent('customer.subscription.updated', subscriptionObject({ id: view.stripe.subscriptionId, customer: view.stripe.customerId, status: 'unpaid' }));
    const { body, signature } = signedDelivery(suspended, webhookSecret);
    await cp.http().post('/v1/billing/stripe/webhook').set('content-type', 'application/json').set('stripe-signature', signature).send(body).expect(200);
    expect((await ade('billing', 'status')).stdout).toContain('Status   suspended (runs paused)');
    expect(JSON.parse((await ade('billing', 'status', '--json')).stdout)).toMatchObject({ tenantId: tenant.tenantId, status: 'suspended', runsAllowed: false });

    const overview = await asOperator('billing', 'status');
    expect(overview.code).toBe(0);
    expect(overview.stdout).toMatch(new RegExp(`${tenant.tenantId}  suspended  starter\\s+0`));
    expect(JSON.parse((await asOperator('billing', 'status', '--json')).stdout).items).toContainEqual(expect.objectContaining({ tenantId: tenant.tenantId }));
  });
});
