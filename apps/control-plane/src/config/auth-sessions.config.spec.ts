import { describe, expect, it } from 'vitest';
import { configProblemsOf } from '@ade/testing';
import { loadControlPlaneConfig } from './control-plane.config';
import { minimalControlPlaneEnv } from './control-plane.config.fixtures';

const valid = minimalControlPlaneEnv;

const problemsOf = (env: Record<string, string | undefined>): string[] => configProblemsOf(() => loadControlPlaneConfig(env));

describe('authentication sessions configuration', () => {
  it('defaults to 30-day refresh tokens and https-only identity providers', () => {
    const config = loadControlPlaneConfig(valid);
    expect(config.authSessions).toMatchObject({ refreshTokenTtlSeconds: 30 * 24 * 3600, allowInsecureIdentityProviders: false, allowPrivateJwks: false });
  });

  it('reads all three variables', () => {
    const config = loadControlPlaneConfig({ ...valid, REFRESH_TOKEN_TTL_SECONDS: '3600', ALLOW_INSECURE_IDP: 'true', IDP_ALLOW_PRIVATE_JWKS: 'true' });
    expect(config.authSessions).toMatchObject({ refreshTokenTtlSeconds: 3600, allowInsecureIdentityProviders: true, allowPrivateJwks: true });
  });

  it('names a bad variable', () => {
    expect(problemsOf({ ...valid, REFRESH_TOKEN_TTL_SECONDS: '10' }).map((p) => p.split(':')[0])).toEqual(['REFRESH_TOKEN_TTL_SECONDS']);
    expect(problemsOf({ ...valid, REFRESH_TOKEN_TTL_SECONDS: 'a month' }).map((p) => p.split(':')[0])).toEqual(['REFRESH_TOKEN_TTL_SECONDS']);
    expect(problemsOf({ ...valid, ALLOW_INSECURE_IDP: 'yes' })).toEqual(["ALLOW_INSECURE_IDP: must be 'true' or 'false'"]);
    expect(problemsOf({ ...valid, IDP_ALLOW_PRIVATE_JWKS: 'maybe' })).toEqual(["IDP_ALLOW_PRIVATE_JWKS: must be 'true' or 'false'"]);
  });
});
