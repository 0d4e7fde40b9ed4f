import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type SignOptions } from 'jsonwebtoken';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '@ade/testing';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, operatorToken, pipelineBody, type TenantFixture } from './factories';

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const newKey = (kid: string): SigningKey => ({ kid, ...generateKeyPairSync('rsa', { modulusLength: 2048 }) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real identity provider's JWKS endpoint, per issuer path, whose keys the test changes. */
class FakeIdentityProvider {
  private server!: Server;
  readonly published = new Map<string, SigningKey[]>();
  fetches = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const match = /^\/(\w+)\/jwks$/.exec(req.url ?? '');
      const keys = match ? this.published.get(match[1]!) : undefined;
      if (!keys) {
        res.writeHead(404).end();
        return;
      }
      this.fetches += 1;
      const jwks = { keys: keys.map((k) => ({ ...k.publicKey.export({ format: 'jwk' }), kid: k.kid, use: 'sig', alg: 'RS256' })) };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('external identity providers (RS256 tokens verified against the tenant IdP JWKS)', () => {
  let cp: ControlPlaneHarness;
  let a: TenantFixture;
  let b: TenantFixture;
  let operator: string;
  const idp = new FakeIdentityProvider();
  const keyA = newKey('a-1');
  const keyB = newKey('b-1');
  let issuerA: string;
  let issuerB: string;
  let pipelineA: string;

  const provider = (name: string) => ({ issuer: `${idp.base()}/${name}`, jwksUri: `${idp.base()}/${name}/jwks`, audience: `ade-${name}` });
  const putProvider = (tenantId: string, body: object, token = operator) =>
    cp.http().put(`/v1/tenants/${tenantId}/identity-provider`).set('authorization', `Bearer ${token}`).send(body);

  /** A token as tenant A's IdP would issue it, with `overrides` applied to claims and options. */
  function idpToken(claims: Record<string, unknown> = {}, options: { key?: SigningKey; kid?: string; issuer?: string; audience?: string; expiresIn?: number } = {}) {
    const key = options.key ?? keyA;
    const signOptions: SignOptions = {
      algorithm: 'RS256',
      keyid: options.kid ?? key.kid,
      issuer: options.issuer ?? issuerA,
      audience: options.audience ?? 'ade-a',
      expiresIn: options.expiresIn ?? 300,
    };
    return sign({ email: a.admin.email, ...claims }, key.privateKey, signOptions);
  }
  const asBearer = (path: string, token: string) => cp.http().get(path).set('authorization', `Bearer ${token}`);

  beforeAll(async () => {
    await idp.start();
    idp.published.set('a', [keyA]);
    idp.published.set('b', [keyB]);
    cp = await startControlPlane({ label: 'idp', env: { ALLOW_INSECURE_IDP: 'true', IDP_ALLOW_PRIVATE_JWKS: 'true' } });
    a = await createTenant(cp);
    b = await createTenant(cp);
    operator = await operatorToken(cp);
    issuerA = provider('a').issuer;
    issuerB = provider('b').issuer;
    const configured = await putProvider(a.tenantId, provider('a')).expect(200);
    expect(configured.body).toMatchObject({ tenantId: a.tenantId, ...provider('a'), emailClaim: 'email' });
    await putProvider(b.tenantId, provider('b')).expect(200);
    pipelineA = (await cp.http().post('/v1/pipelines').set('authorization', `Bearer ${a.admin.token}`).send(pipelineBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    await cp?.close();
    await idp.close();
  });

  it('accepts a valid IdP token for a user of the tenant, with that user’s role', async () => {
    const me = await asBearer('/v1/auth/me', idpToken()).expect(200);
    expect(me.body).toMatchObject({ email: a.admin.email, role: 'tenant_admin', tenantId: a.tenantId });
    const pipelines = await asBearer('/v1/pipelines', idpToken()).expect(200);
    expect(pipelines.body.items.map((p: { id: string }) => p.id)).toContain(pipelineA);
    await asBearer(`/v1/pipelines/${pipelineA}`, idpToken({ email: a.admin.email.toUpperCase() })).expect(200);
  });

  it('refuses an unknown email, a user of another tenant and a platform operator', async () => {
    await asBearer('/v1/auth/me', idpToken({ email: `nobody@${a.slug}.test` })).expect(401);
    await asBearer('/v1/auth/me', idpToken({ email: b.admin.email })).expect(401);
    await asBearer('/v1/auth/me', idpToken({ email: cp.operator.email })).expect(401);
    await asBearer('/v1/auth/me', idpToken({ email: undefined })).expect(401);
    await asBearer('/v1/auth/me', idpToken({ email_verified: false })).expect(401);
  });

  it('refuses a wrong audience or issuer, and any RS256 token claiming our own issuer', async () => {
    await asBearer('/v1/auth/me', idpToken({}, { audience: 'ade-b' })).expect(401);
    await asBearer('/v1/auth/me', idpToken({}, { audience: 'ade-api' })).expect(401);
    await asBearer('/v1/auth/me', idpToken({}, { issuer: `${idp.base()}/unknown` })).expect(401);
    await asBearer('/v1/auth/me', idpToken({}, { issuer: issuerB })).expect(401); // A's key, B's issuer
    await asBearer('/v1/auth/me', idpToken({}, { issuer: cp.config.auth.issuer, audience: cp.config.auth.audience })).expect(401);
  });

  it('refuses an expired token, allowing 60 seconds of clock skew', async () => {
    await asBearer('/v1/auth/me', idpToken({}, { expiresIn: -120 })).expect(401);
    await asBearer('/v1/auth/me', idpToken({}, { expiresIn: -20 })).expect(200);
    const now = Math.floor(Date.now() / 1000);
    await asBearer('/v1/auth/me', idpToken({ nbf: now + 600 })).expect(401);
  });

  it('refuses HS256 tokens carrying the IdP issuer, whatever they are signed with', async () => {
    const claims = { email: a.admin.email, iss: issuerA, aud: 'ade-a' };
    const pem = keyA.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await asBearer('/v1/auth/me', sign(claims, pem, { algorithm: 'HS256', keyid: keyA.kid, expiresIn: 300 })).expect(401);
    await asBearer('/v1/auth/me', sign(claims, cp.env.JWT_SECRET!, { algorithm: 'HS256', keyid: keyA.kid, expiresIn: 300 })).expect(401);
    const ours = { sub: a.tenantId, tid: a.tenantId, role: 'tenant_admin', iss: issuerA, aud: 'ade-api' };
    await asBearer('/v1/auth/me', sign(ours, cp.env.JWT_SECRET!, { algorithm: 'HS256', expiresIn: 300 })).expect(401);
  });

  it('refuses a token signed by a key the IdP does not publish, even under a published kid', async () => {
    const stranger = newKey(keyA.kid);
    await asBearer('/v1/auth/me', idpToken({}, { key: stranger })).expect(401);
    await asBearer('/v1/auth/me', idpToken({}, { key: stranger, kid: 'never-published' })).expect(401);
  });

  it('follows key rotation: a new key appearing in the JWKS is accepted after one refetch', async () => {
    const rotated = newKey('a-2');
    await asBearer('/v1/auth/me', idpToken()).expect(200); // keys of A are cached now
    idp.published.set('a', [keyA, rotated]);
    await sleep(1_100); // refetches on an unknown kid are rate-limited to one a second
    const before = idp.fetches;
    await asBearer('/v1/auth/me', idpToken({}, { key: rotated })).expect(200);
    expect(idp.fetches).toBe(before + 1);
    await asBearer('/v1/auth/me', idpToken({}, { key: rotated })).expect(200);
    expect(idp.fetches).toBe(before + 1); // served from the cache
    idp.published.set('a', [keyA]);
  });

  it('keeps tenants apart: an IdP token of tenant B cannot reach tenant A’s data', async () => {
    const tokenB = sign({ email: b.admin.email }, keyB.privateKey, { algorithm: 'RS256', keyid: keyB.kid, issuer: issuerB, audience: 'ade-b', expiresIn: 300 });
    await asBearer('/v1/auth/me', tokenB).expect(200);
    await asBearer(`/v1/pipelines/${pipelineA}`, tokenB).expect(404);
    const listed = await asBearer('/v1/pipelines', tokenB).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(pipelineA);
    // B's IdP key cannot sign for A's issuer
    await asBearer('/v1/auth/me', idpToken({}, { key: keyB })).expect(401);
  });

  it('lets only operators configure providers, with checked URLs and one tenant per issuer', async () => {
    await putProvider(a.tenantId, provider('a'), a.admin.token).expect(403);
    await putProvider(b.tenantId, provider('a')).expect(409);
    const bad = await putProvider(a.tenantId, { ...provider('a'), jwksUri: 'ftp://127.0.0.1/jwks' }).expect(400);
    expect(bad.body.fields).toEqual([{ field: 'jwksUri', message: 'must be an https URL' }]);
    await putProvider(a.tenantId, { ...provider('a'), issuer: 'not a url' }).expect(400);
    await putProvider(a.tenantId, { ...provider('a'), extra: true }).expect(400);
    await putProvider('00000000-0000-4000-8000-000000000000', provider('zz')).expect(404);
  });

  it('stops accepting a provider’s tokens once it is removed', async () => {
    const c = await createTenant(cp);
    const keyC = newKey('c-1');
    idp.published.set('c', [keyC]);
    await putProvider(c.tenantId, { ...provider('c'), emailClaim: 'upn' }).expect(200);
    const tokenC = sign({ upn: c.admin.email }, keyC.privateKey, { algorithm: 'RS256', keyid: keyC.kid, issuer: provider('c').issuer, audience: 'ade-c', expiresIn: 300 });
    await asBearer('/v1/auth/me', tokenC).expect(200);
    await cp.http().delete(`/v1/tenants/${c.tenantId}/identity-provider`).set('authorization', `Bearer ${operator}`).expect(204);
    await asBearer('/v1/auth/me', tokenC).expect(401);
    await cp.http().delete(`/v1/tenants/${c.tenantId}/identity-provider`).set('authorization', `Bearer ${operator}`).expect(404);
  });

  it('still accepts our own HS256 tokens unchanged', async () => {
    await asBearer('/v1/auth/me', a.admin.token).expect(200);
  });

  it('refuses tokens when the IdP keys cannot be fetched', async () => {
    const d = await createTenant(cp);
    await putProvider(d.tenantId, provider('d')).expect(200); // nothing published under /d: 404
    const keyD = newKey('d-1');
    const tokenD = sign({ email: d.admin.email }, keyD.privateKey, { algorithm: 'RS256', keyid: keyD.kid, issuer: provider('d').issuer, audience: 'ade-d', expiresIn: 300 });
    await asBearer('/v1/auth/me', tokenD).expect(401);
  });
});

/**
 * An operator sets the JWKS URL, but any unauthenticated caller decides when it is fetched (by
 * sending a token that names the issuer), so a URL inside the platform would be an SSRF.
 */
describe('identity provider JWKS URLs that lead inside the platform (SSRF)', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let operator: string;
  const idp = new FakeIdentityProvider();
  const key = newKey('inside-1');
  const put = (body: object) => cp.http().put(`/v1/tenants/${tenant.tenantId}/identity-provider`).set('authorization', `Bearer ${operator}`).send(body);

  beforeAll(async () => {
    await idp.start();
    idp.published.set('inside', [key]);
    // http allowed (the fake provider has no TLS), private addresses not: the production policy.
    cp = await startControlPlane({ label: 'idp-ssrf', env: { ALLOW_INSECURE_IDP: 'true' } });
    tenant = await createTenant(cp);
    operator = await operatorToken(cp);
  });
  afterAll(async () => {
    await cp?.close();
    await idp.close();
  });

  it.each([
    ['loopback by address', () => `${idp.base()}/inside/jwks`],
    ['loopback by name', () => `${idp.base().replace('127.0.0.1', 'localhost')}/inside/jwks`],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['a private network', () => 'http://10.20.30.40/jwks'],
    ['IPv4 inside IPv6', () => 'http://[::ffff:169.254.169.254]/jwks'],
  ])('is refused when saved: %s', async (_what, jwksUri) => {
    const response = await put({ issuer: 'https://idp.example.org/inside', jwksUri: jwksUri(), audience: 'ade' }).expect(400);
    expect(response.body.fields).toEqual([{ field: 'jwksUri', message: 'must not point to a loopback, private, link-local or reserved address' }]);
    expect(JSON.stringify(response.body)).not.toContain('169.254');
  });

  it('is never fetched at token time either, for a URL saved before (or a name re-pointed inside since)', async () => {
    const issuer = `${idp.base()}/inside`;
    const db = new Client({ connectionString: testDatabaseUrl });
    await db.connect();
    try {
      await db.query(`INSERT INTO "${cp.env['DATABASE_SCHEMA']}".tenant_identity_providers (tenant_id, issuer, jwks_uri, audience) VALUES ($1, $2, $3, 'ade')`, [tenant.tenantId, issuer, `${issuer}/jwks`]);
    } finally {
      await db.end();
    }
    const token = sign({ email: tenant.admin.email }, key.privateKey, { algorithm: 'RS256', keyid: key.kid, issuer, audience: 'ade', subject: 'someone', expiresIn: 300 });
    await cp.http().get('/v1/auth/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(idp.fetches).toBe(0);
  });
});

