import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ade/config';
import { deriveTenantQueueKey } from '@ade/queue';
import { configProblemsOf } from '@ade/testing';
import { loadWorkerConfig } from './worker.config';

/** A pooled worker's signing keys, the one variable a worker cannot start without. */
const SIGNING_KEYS = `q1:${Buffer.alloc(32, 9).toString('base64')}`;
const load = (env: Record<string, string>) => loadWorkerConfig({ QUEUE_SIGNING_KEYS: SIGNING_KEYS, ...env });

describe('worker configuration', () => {
  it('serves every tenant by default', () => {
    const config = load({});
    expect(config.worker.tenants).toBe('all');
    expect(config.worker.concurrency).toBe(2);
  });

  it('caps each tenant engine at 1GB by default, spilling under the data directory', () => {
    expect(load({}).worker).toMatchObject({ duckdbMemoryLimit: '1GB', duckdbSpillDir: resolve('.ade/data/spill') });
    expect(load({ DATA_DIR: '/srv/ade' }).worker.duckdbSpillDir).toBe('/srv/ade/spill');
    expect(load({ DUCKDB_MEMORY_LIMIT: '512MB', DUCKDB_SPILL_DIR: '/fast/spill' }).worker).toMatchObject({
      duckdbMemoryLimit: '512MB',
      duckdbSpillDir: '/fast/spill',
    });
  });

  it('accepts a list of tenant ids for a dedicated worker', () => {
    const ids = ['1b4e28ba-2fa1-41d2-883f-0016d3cca427', '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b'];
    expect(load({ WORKER_TENANTS: ids.join(', ') }).worker.tenants).toEqual(ids);
  });

  it('pauses ingests before their COMMIT only when the test-only variable names a marker file', () => {
    expect(load({}).worker.testPauseBeforeIngestCommit).toBeUndefined();
    expect(load({ WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: '' }).worker.testPauseBeforeIngestCommit).toBeUndefined();
    expect(load({ WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: 'tmp/paused.json' }).worker.testPauseBeforeIngestCommit).toBe(resolve('tmp/paused.json'));
  });

  it('reads tenants files from the worker disk by default, or from an S3 bucket and prefix', () => {
    expect(load({}).worker.landingS3).toBeNull();
    expect(load({ LANDING_S3_URL: 's3://acme-landing' }).worker.landingS3).toEqual({ bucket: 'acme-landing', prefix: '', region: 'us-east-1', forcePathStyle: false });
    expect(
      load({ LANDING_S3_URL: 's3://acme-landing/ade/prod/', LANDING_S3_ENDPOINT: 'http://127.0.0.1:9000', LANDING_S3_REGION: 'eu-west-1', LANDING_S3_FORCE_PATH_STYLE: 'true' }).worker.landingS3,
    ).toEqual({ bucket: 'acme-landing', prefix: 'ade/prod/', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    try {
      load({ LANDING_S3_URL: 'https://acme-landing', LANDING_S3_ENDPOINT: 'ftp://x', LANDING_S3_FORCE_PATH_STYLE: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['LANDING_S3_ENDPOINT', 'LANDING_S3_FORCE_PATH_STYLE', 'LANDING_S3_URL']);
    }
    expect(() => load({ LANDING_S3_URL: 's3://acme-landing', LANDING_S3_ACCESS_KEY_ID: 'AKIA' })).toThrow(/LANDING_S3_SECRET_ACCESS_KEY: must be set together with LANDING_S3_ACCESS_KEY_ID, or neither/);
    const keyed = load({ LANDING_S3_URL: 's3://acme-landing', LANDING_S3_ACCESS_KEY_ID: 'AKIA', LANDING_S3_SECRET_ACCESS_KEY: 'sssh' }).worker.landingS3!;
    expect(keyed.credentials!.accessKeyId).toBe('AKIA');
    expect(String(keyed.credentials!.secretAccessKey)).toBe('[redacted]');
  });

  it('reaches the control plane for connector credentials only with both CONTROL_PLANE_URL and DATA_PLANE_TOKEN', () => {
    const token = 't'.repeat(40);
    expect(load({}).worker.controlPlane).toBeNull();
    const access = load({ CONTROL_PLANE_URL: 'https://cp.internal:8443/', DATA_PLANE_TOKEN: token }).worker.controlPlane!;
    expect(access.url).toBe('https://cp.internal:8443');
    expect(access.token.reveal()).toBe(token);
    expect(JSON.stringify(access)).not.toContain(token);
    expect(() => load({ CONTROL_PLANE_URL: 'https://cp.internal' })).toThrow(/DATA_PLANE_TOKEN: must be set together with CONTROL_PLANE_URL/);
    expect(() => load({ DATA_PLANE_TOKEN: token })).toThrow(/CONTROL_PLANE_URL: must be set together with DATA_PLANE_TOKEN/);
    expect(configProblemsOf(() => load({ CONTROL_PLANE_URL: 'ftp://cp', DATA_PLANE_TOKEN: 'short' }))).toEqual([
      'CONTROL_PLANE_URL: must be a URL with scheme http or https',
      'DATA_PLANE_TOKEN: must be at least 32 characters',
    ]);
  });

  it('names a bad variable', () => {
    expect(() => load({ WORKER_TENANTS: 'acme', WORKER_CONCURRENCY: '0' })).toThrowError(ConfigError);
    try {
      load({ WORKER_TENANTS: 'acme', WORKER_CONCURRENCY: '0', DUCKDB_MEMORY_LIMIT: 'lots', MALLOC_ARENA_MAX: 'two' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DUCKDB_MEMORY_LIMIT',
        'MALLOC_ARENA_MAX',
        'WORKER_CONCURRENCY',
        'WORKER_TENANTS',
      ]);
    }
  });

  describe('queue keys', () => {
    const tenantA = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    const tenantB = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
    const signingKey = Buffer.alloc(32, 9);
    const keyOf = (tenantId: string, keyId = 'q1') => `${tenantId}/${keyId}:${deriveTenantQueueKey(signingKey, keyId, tenantId).key.toString('base64')}`;

    it('needs signing keys or tenant keys, and a pooled worker the signing keys', () => {
      expect(configProblemsOf(() => loadWorkerConfig({}))).toEqual(['QUEUE_SIGNING_KEYS: is required (or WORKER_TENANT_KEYS for a worker serving a list of tenants)']);
      expect(configProblemsOf(() => loadWorkerConfig({ WORKER_TENANT_KEYS: keyOf(tenantA) }))).toEqual(['WORKER_TENANT_KEYS: a worker serving all tenants needs QUEUE_SIGNING_KEYS instead']);
      expect(configProblemsOf(() => load({ WORKER_TENANTS: tenantA, WORKER_TENANT_KEYS: keyOf(tenantA) }))).toEqual(['WORKER_TENANT_KEYS: set either it or QUEUE_SIGNING_KEYS, not both']);
    });

    it('gives a dedicated worker exactly the tenant keys it was handed, and names a served tenant without one', () => {
      const { keyring } = loadWorkerConfig({ WORKER_TENANTS: tenantA, WORKER_TENANT_KEYS: keyOf(tenantA.toUpperCase()) });
      expect(keyring.sealing(tenantA)).toMatchObject({ tenantId: tenantA, keyId: 'q1' });
      expect(keyring.sealing(tenantA)!.key.equals(deriveTenantQueueKey(signingKey, 'q1', tenantA).key)).toBe(true);
      expect(keyring.holdsKeyFor(tenantB)).toBe(false);
      expect(configProblemsOf(() => loadWorkerConfig({ WORKER_TENANTS: `${tenantA},${tenantB}`, WORKER_TENANT_KEYS: keyOf(tenantA) }))).toEqual([
        `WORKER_TENANT_KEYS: holds no key for served tenant(s) ${tenantB}`,
      ]);
    });

    it('keeps both keys of a tenant during a rotation, sealing with the first', () => {
      const { keyring } = loadWorkerConfig({ WORKER_TENANTS: tenantA, WORKER_TENANT_KEYS: `${keyOf(tenantA, 'q2')}, ${keyOf(tenantA, 'q1')}` });
      expect(keyring.sealing(tenantA)!.keyId).toBe('q2');
      expect(keyring.opening(tenantA, 'q1')!.keyId).toBe('q1');
      expect(keyring.opening(tenantA, 'q3')).toBeNull();
    });

    it('names a bad entry by position and never echoes a key', () => {
      const secretLooking = Buffer.alloc(31, 5).toString('base64');
      const problems = configProblemsOf(() =>
        loadWorkerConfig({ WORKER_TENANTS: tenantA, WORKER_TENANT_KEYS: `${keyOf(tenantA)},${tenantA}/q2:${secretLooking},acme/q1:${secretLooking},${keyOf(tenantA)}` }),
      );
      expect(problems).toEqual([
        'WORKER_TENANT_KEYS: entry 2: must be <tenantId>/<keyId>:<base64 32-byte key>, as npm run queue-keys prints it',
        'WORKER_TENANT_KEYS: entry 3: must be <tenantId>/<keyId>:<base64 32-byte key>, as npm run queue-keys prints it',
        `WORKER_TENANT_KEYS: entry 4: tenant ${tenantA} has key 'q1' twice`,
      ]);
      expect(problems.join('\n')).not.toContain(secretLooking);
      expect(configProblemsOf(() => loadWorkerConfig({ QUEUE_SIGNING_KEYS: `q1:${secretLooking}` }))).toEqual(["QUEUE_SIGNING_KEYS: key 'q1' must be 32 bytes, base64-encoded (e.g. openssl rand -base64 32)"]);
    });
  });
});
