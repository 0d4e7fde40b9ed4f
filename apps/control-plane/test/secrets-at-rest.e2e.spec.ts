import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@ade/testing';
import { loadSecretsConfig } from '../src/config/secrets.config';
import { QualityRecorder } from '../src/quality/quality-recorder';
import { reencryptStoredSecrets } from '../src/secrets/reencrypt-secrets';
import { SecretBox, SecretDecryptionError } from '../src/secrets/secret-box';
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, type TenantFixture } from './factories';
import { qualityMeasured, startReceiver } from './quality-flow';
import { as, createPipeline, triggerRun } from './run-flow';

describe('secrets at rest: webhook signing secrets are encrypted, deliveries still verify, keys rotate', () => {
  let cp: ControlPlaneHarness;
  let pg: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let tenant: TenantFixture;
  let pipelineId: string;
  let secret: string;

  /** The endpoint's row exactly as PostgreSQL holds it, every column as text. */
  const storedRow = async () => {
    const { rows } = await pg.query(`SELECT row_to_json(w)::text AS json, secret_ciphertext, secret_last4 FROM webhook_endpoints w WHERE tenant_id = $1`, [tenant.tenantId]);
    return rows[0] as { json: string; secret_ciphertext: string | null; secret_last4: string | null };
  };
  const boxOf = (keys: string) => new SecretBox(loadSecretsConfig({ SECRETS_KEYS: keys }));

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'secrets-at-rest', env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_BACKOFF_MS: '20' } });
    pg = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL, options: `-c search_path=${cp.env.DATABASE_SCHEMA}` });
    await pg.connect();
    receiver = await startReceiver(() => 200);
    tenant = await createTenant(cp);
    pipelineId = (await createPipeline(cp, tenant)).id;
  });
  afterAll(async () => {
    await pg?.end();
    await receiver?.close();
    await cp?.close();
  });

  it('stores only a ciphertext, and deliveries verify with the secret the API returned once', async () => {
    const put = await cp.http().put('/v1/webhook').set(as(tenant.admin.token)).send({ url: receiver.url('/hook') }).expect(200);
    secret = put.body.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(put.body.secretMasked).toBe(`************${secret.slice(-4)}`);

    const row = await storedRow();
    expect(row.secret_ciphertext).toMatch(/^v1:test:[^:]+:[^:]+:[^:]+$/);
    for (const form of [secret, secret.slice(0, 16), Buffer.from(secret, 'hex').toString('base64'), Buffer.from(secret).toString('base64')]) {
      expect(row.json).not.toContain(form);
    }
    expect(row.secret_last4).toBe(secret.slice(-4));
    expect(boxOf(cp.env.SECRETS_KEYS!).decrypt(row.secret_ciphertext!)).toBe(secret);
    expect((await cp.http().get('/v1/webhook').set(as(tenant.admin.token)).expect(200)).body).toMatchObject({ secret: null, secretMasked: put.body.secretMasked });

    // One alert (overall 0.95 < 0.99), delivered and signed with the decrypted secret.
    await cp.http().put('/v1/quality/alerts/professional_claims').set(as(tenant.admin.token)).send({ minQuality: 0.99 }).expect(200);
    const runId = await triggerRun(cp, tenant, pipelineId);
    await cp.app.get(QualityRecorder).record(qualityMeasured({ tenantId: tenant.tenantId, runId, pipelineId }, new Date()));
    await eventually(async () => receiver.requests.length, (n) => n >= 1, { what: 'the signed delivery' });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(verifyWebhookSignature(secret, request!.headers['x-ade-signature'] as string, request!.body)).toBe(true);
  });

  it('re-encrypts under a new first key, after which the old key can be removed', async () => {
    const oldKeys = cp.env.SECRETS_KEYS!;
    const newKey = `next:${randomBytes(32).toString('base64')}`;
    const before = (await storedRow()).secret_ciphertext!;

    const ring = boxOf(`${newKey},${oldKeys}`);
    expect(await reencryptStoredSecrets(cp.app.get(DataSource), ring)).toEqual({ reencrypted: 1, failed: [] });
    const after = (await storedRow()).secret_ciphertext!;
    expect(SecretBox.keyIdOf(after)).toBe('next');
    expect(after).not.toBe(before);
    // Only the new key is needed now; the old key alone no longer opens it.
    expect(boxOf(newKey).decrypt(after)).toBe(secret);
    expect(() => boxOf(oldKeys).decrypt(after)).toThrowError(SecretDecryptionError);
    // Idempotent.
    expect(await reencryptStoredSecrets(cp.app.get(DataSource), ring)).toEqual({ reencrypted: 0, failed: [] });
    // A ring missing the key a value is under reports the row (by id), never a value.
    const lost = await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`other:${randomBytes(32).toString('base64')}`));
    expect(lost.reencrypted).toBe(0);
    expect(lost.failed).toEqual([{ table: 'webhook_endpoints', id: expect.any(String), reason: expect.stringContaining("key 'next'") }]);

    // Put it back under the control plane's own key for the next test.
    expect(await reencryptStoredSecrets(cp.app.get(DataSource), boxOf(`${oldKeys},${newKey}`))).toEqual({ reencrypted: 1, failed: [] });
  });

  it('an endpoint whose plaintext secret was dropped by the migration fails deliveries until rotated', async () => {
    await pg.query(`UPDATE webhook_endpoints SET secret_ciphertext = NULL, secret_last4 = NULL WHERE tenant_id = $1`, [tenant.tenantId]);
    expect((await cp.http().get('/v1/webhook').set(as(tenant.admin.token)).expect(200)).body).toMatchObject({ secret: null, secretMasked: null });

    const runId = await triggerRun(cp, tenant, pipelineId);
    await cp.app.get(QualityRecorder).record(qualityMeasured({ tenantId: tenant.tenantId, runId, pipelineId }, new Date()));
    const items = await eventually(
      async () => (await cp.http().get('/v1/webhook/deliveries').set(as(tenant.admin.token)).expect(200)).body.items as Array<Record<string, any>>,
      (all) => all.some((d) => d.status === 'failed'),
      { what: 'the failed delivery' },
    );
    expect(items.find((d) => d.status === 'failed')).toMatchObject({ attempts: 1, lastError: expect.stringContaining('rotate it (POST /v1/webhook/rotate-secret)') });
    expect(receiver.requests).toHaveLength(1);

    const rotated = await cp.http().post('/v1/webhook/rotate-secret').set(as(tenant.admin.token)).expect(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    const row = await storedRow();
    expect(row.json).not.toContain(rotated.body.secret);
    expect(boxOf(cp.env.SECRETS_KEYS!).decrypt(row.secret_ciphertext!)).toBe(rotated.body.secret);
  });
});
