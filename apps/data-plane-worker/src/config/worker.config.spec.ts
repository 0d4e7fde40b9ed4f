import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ade/config';
import { configProblemsOf } from '@ade/testing';
import { loadWorkerConfig } from './worker.config';

describe('worker configuration', () => {
  it('serves every tenant by default', () => {
    const config = loadWorkerConfig({});
    expect(config.worker.tenants).toBe('all');
    expect(config.worker.concurrency).toBe(2);
  });

  it('caps each tenant engine at 1GB by default, spilling under the data directory', () => {
    expect(loadWorkerConfig({}).worker).toMatchObject({ duckdbMemoryLimit: '1GB', duckdbSpillDir: resolve('.ade/data/spill') });
    expect(loadWorkerConfig({ DATA_DIR: '/srv/ade' }).worker.duckdbSpillDir).toBe('/srv/ade/spill');
    expect(loadWorkerConfig({ DUCKDB_MEMORY_LIMIT: '512MB', DUCKDB_SPILL_DIR: '/fast/spill' }).worker).toMatchObject({
      duckdbMemoryLimit: '512MB',
      duckdbSpillDir: '/fast/spill',
    });
  });

  it('accepts a list of tenant ids for a dedicated worker', () => {
    const ids = ['1b4e28ba-2fa1-41d2-883f-0016d3cca427', '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b'];
    expect(loadWorkerConfig({ WORKER_TENANTS: ids.join(', ') }).worker.tenants).toEqual(ids);
  });

  it('pauses ingests before their COMMIT only when the test-only variable names a marker file', () => {
    expect(loadWorkerConfig({}).worker.testPauseBeforeIngestCommit).toBeUndefined();
    expect(loadWorkerConfig({ WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: '' }).worker.testPauseBeforeIngestCommit).toBeUndefined();
    expect(loadWorkerConfig({ WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT: 'tmp/paused.json' }).worker.testPauseBeforeIngestCommit).toBe(resolve('tmp/paused.json'));
  });

  it('reads tenants files from the worker disk by default, or from an S3 bucket and prefix', () => {
    expect(loadWorkerConfig({}).worker.landingS3).toBeNull();
    expect(loadWorkerConfig({ LANDING_S3_URL: 's3://acme-landing' }).worker.landingS3).toEqual({ bucket: 'acme-landing', prefix: '', region: 'us-east-1', forcePathStyle: false });
    expect(
      loadWorkerConfig({ LANDING_S3_URL: 's3://acme-landing/ade/prod/', LANDING_S3_ENDPOINT: 'http://127.0.0.1:9000', LANDING_S3_REGION: 'eu-west-1', LANDING_S3_FORCE_PATH_STYLE: 'true' }).worker.landingS3,
    ).toEqual({ bucket: 'acme-landing', prefix: 'ade/prod/', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
    try {
      loadWorkerConfig({ LANDING_S3_URL: 'https://acme-landing', LANDING_S3_ENDPOINT: 'ftp://x', LANDING_S3_FORCE_PATH_STYLE: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['LANDING_S3_ENDPOINT', 'LANDING_S3_FORCE_PATH_STYLE', 'LANDING_S3_URL']);
    }
    expect(() => loadWorkerConfig({ LANDING_S3_URL: 's3://acme-landing', LANDING_S3_ACCESS_KEY_ID: 'AKIA' })).toThrow(/LANDING_S3_SECRET_ACCESS_KEY: must be set together with LANDING_S3_ACCESS_KEY_ID, or neither/);
    const keyed = loadWorkerConfig({ LANDING_S3_URL: 's3://acme-landing', LANDING_S3_ACCESS_KEY_ID: 'AKIA', LANDING_S3_SECRET_ACCESS_KEY: 'sssh' }).worker.landingS3!;
    expect(keyed.credentials!.accessKeyId).toBe('AKIA');
    expect(String(keyed.credentials!.secretAccessKey)).toBe('[redacted]');
  });

  it('reaches the control plane for connector credentials only with both CONTROL_PLANE_URL and DATA_PLANE_TOKEN', () => {
    const token = 't'.repeat(40);
    expect(loadWorkerConfig({}).worker.controlPlane).toBeNull();
    const access = loadWorkerConfig({ CONTROL_PLANE_URL: 'https://cp.internal:8443/', DATA_PLANE_TOKEN: token }).worker.controlPlane!;
    expect(access.url).toBe('https://cp.internal:8443');
    expect(access.token.reveal()).toBe(token);
    expect(JSON.stringify(access)).not.toContain(token);
    expect(() => loadWorkerConfig({ CONTROL_PLANE_URL: 'https://cp.internal' })).toThrow(/DATA_PLANE_TOKEN: must be set together with CONTROL_PLANE_URL/);
    expect(() => loadWorkerConfig({ DATA_PLANE_TOKEN: token })).toThrow(/CONTROL_PLANE_URL: must be set together with DATA_PLANE_TOKEN/);
    expect(configProblemsOf(() => loadWorkerConfig({ CONTROL_PLANE_URL: 'ftp://cp', DATA_PLANE_TOKEN: 'short' }))).toEqual([
      'CONTROL_PLANE_URL: must be a URL with scheme http or https',
      'DATA_PLANE_TOKEN: must be at least 32 characters',
    ]);
  });

  it('names a bad variable', () => {
    expect(() => loadWorkerConfig({ WORKER_TENANTS: 'acme', WORKER_CONCURRENCY: '0' })).toThrowError(ConfigError);
    try {
      loadWorkerConfig({ WORKER_TENANTS: 'acme', WORKER_CONCURRENCY: '0', DUCKDB_MEMORY_LIMIT: 'lots', MALLOC_ARENA_MAX: 'two' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'DUCKDB_MEMORY_LIMIT',
        'MALLOC_ARENA_MAX',
        'WORKER_CONCURRENCY',
        'WORKER_TENANTS',
      ]);
    }
  });
});
