import { describe, expect, it } from 'vitest';
import { configProblemsOf } from '@ade/testing';
import { readEnv } from '@ade/config';
import { HttpSecurityConfig, httpSecurityEnvSchema, LoginThrottleConfig } from './http-security.config';

const valid = {};

function load(env: Record<string, string | undefined>) {
  const e = readEnv(httpSecurityEnvSchema, env);
  return { httpSecurity: HttpSecurityConfig.fromEnv(e), loginThrottle: LoginThrottleConfig.fromEnv(e) };
}

const problemsOf = (env: Record<string, string | undefined>): string[] => configProblemsOf(() => load(env));

describe('HTTP security configuration', () => {
  it('defaults to no cross-origin access, a 1 MiB body and 5 login failures per 15 minutes', () => {
    const config = load(valid);
    expect(config.httpSecurity).toMatchObject({ corsAllowedOrigins: [], maxBodyBytes: 1024 * 1024, trustProxyHops: 0 });
    expect(config.loginThrottle).toMatchObject({ maxFailures: 5, maxFailuresPerIp: 20, windowSeconds: 900 });
  });

  it('reads a comma-separated origin list, spaces allowed', () => {
    const config = load({ ...valid, CORS_ALLOWED_ORIGINS: 'https://app.example.org, http://localhost:5173' });
    expect(config.httpSecurity.corsAllowedOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  });

  it.each(['*', 'https://web.test/', 'https://web.test/path', 'ftp://files.test', 'web.test', 'https://*.web.test'])(
    'refuses %s as an origin, naming the variable but not the value',
    (origin) => {
      const problems = problemsOf({ ...valid, CORS_ALLOWED_ORIGINS: `https://ok.example.org,${origin}` });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^CORS_ALLOWED_ORIGINS: entry 2 is not an origin/);
      expect(problems[0]).not.toContain(origin);
    },
  );

  it('names every bad limit', () => {
    const problems = problemsOf({ ...valid, MAX_BODY_BYTES: '10', LOGIN_MAX_FAILURES: '0', LOGIN_WINDOW_SECONDS: 'soon', LOGIN_MAX_FAILURES_PER_IP: '-1', TRUST_PROXY_HOPS: '99' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LOGIN_MAX_FAILURES',
      'LOGIN_MAX_FAILURES_PER_IP',
      'LOGIN_WINDOW_SECONDS',
      'MAX_BODY_BYTES',
      'TRUST_PROXY_HOPS',
    ]);
  });
});
