import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configProblemsOf } from '@ade/testing';
import { loadControlPlaneConfig } from './control-plane.config';
import { minimalControlPlaneEnv } from './control-plane.config.fixtures';

const valid = minimalControlPlaneEnv;

const problemsOf = (env: Record<string, string | undefined>): string[] => configProblemsOf(() => loadControlPlaneConfig(env));

describe('control-plane configuration', () => {
  it('applies defaults for everything optional', () => {
    const config = loadControlPlaneConfig(valid);
    expect(config.http).toMatchObject({ port: 3000, host: '127.0.0.1' });
    expect(config.database.schema).toBe('public');
    expect(config.queue).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', prefix: 'ade' });
    expect(config.auth).toMatchObject({ issuer: 'ade-control-plane', audience: 'ade-api', accessTokenTtlSeconds: 900, bootstrapOperator: null });
    expect(config.catalog.catalogName).toBe('healthcare_data');
  });

  it('names every missing variable at once', () => {
    expect(problemsOf({})).toEqual(['DATABASE_URL: is required', 'SECRETS_KEYS: is required', 'QUEUE_SIGNING_KEYS: is required', 'JWT_SECRET: is required']);
  });

  it('names bad values without echoing them', () => {
    const problems = problemsOf({ ...valid, PORT: 'eighty', JWT_SECRET: 'short-secret', REDIS_URL: 'http://cache', DATABASE_SCHEMA: 'Bad-Schema' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_SCHEMA', 'JWT_SECRET', 'PORT', 'REDIS_URL']);
    expect(problems.join('\n')).not.toContain('short-secret');
  });

  it('requires both bootstrap operator variables or neither', () => {
    expect(problemsOf({ ...valid, BOOTSTRAP_OPERATOR_EMAIL: 'ops@example.org' })).toEqual([
      'BOOTSTRAP_OPERATOR_PASSWORD: is required when the other BOOTSTRAP_OPERATOR_* variable is set',
    ]);
    const config = loadControlPlaneConfig({ ...valid, BOOTSTRAP_OPERATOR_EMAIL: 'Ops@Example.org', BOOTSTRAP_OPERATOR_PASSWORD: 'p'.repeat(16) });
    expect(config.auth.bootstrapOperator?.email).toBe('ops@example.org');
  });

  it('accepts data-plane tokens by their SHA-256 digests only, none when DATA_PLANE_TOKEN_HASHES is unset', () => {
    expect(loadControlPlaneConfig(valid).dataPlane.tokenHashes).toEqual([]);
    expect(loadControlPlaneConfig({ ...valid, DATA_PLANE_TOKEN_HASHES: '' }).dataPlane.tokenHashes).toEqual([]);
    const one = createHash('sha256').update('token-one').digest('hex');
    const two = createHash('sha256').update('token-two').digest('hex');
    const config = loadControlPlaneConfig({ ...valid, DATA_PLANE_TOKEN_HASHES: ` ${one} ,${two.toUpperCase()},${one}` });
    expect(config.dataPlane.tokenHashes).toEqual([one, two]);
  });

  it('names each DATA_PLANE_TOKEN_HASHES entry that is not a SHA-256 digest, by position', () => {
    const digest = createHash('sha256').update('token').digest('hex');
    const problems = problemsOf({ ...valid, DATA_PLANE_TOKEN_HASHES: `${digest},the-token-itself,${digest}  -,` });
    expect(problems).toEqual([
      'DATA_PLANE_TOKEN_HASHES: entry 2: must be the SHA-256 of a data-plane token, 64 hex characters (printf %s "$TOKEN" | sha256sum)',
      'DATA_PLANE_TOKEN_HASHES: entry 3: must be the SHA-256 of a data-plane token, 64 hex characters (printf %s "$TOKEN" | sha256sum)',
      'DATA_PLANE_TOKEN_HASHES: entry 4: must be the SHA-256 of a data-plane token, 64 hex characters (printf %s "$TOKEN" | sha256sum)',
    ]);
    expect(problems.join('\n')).not.toContain('the-token-itself');
  });

  it('never prints secrets, however the config is logged', () => {
    const config = loadControlPlaneConfig({ ...valid, BOOTSTRAP_OPERATOR_EMAIL: 'ops@example.org', BOOTSTRAP_OPERATOR_PASSWORD: 'operator-pass-123' });
    const printed = [JSON.stringify(config), inspect(config, { depth: 10 }), String(config.auth.jwtSecret)].join('\n');
    expect(printed).not.toContain('kkkkkkkk');
    expect(printed).not.toContain('s3cret');
    expect(printed).not.toContain('operator-pass-123');
    expect(config.auth.jwtSecret.reveal()).toBe('k'.repeat(40));
  });
});
