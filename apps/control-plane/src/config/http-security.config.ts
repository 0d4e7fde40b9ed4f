import { z } from 'zod';
import { envInt } from '@ade/config';

/**
 * A browser origin exactly as it arrives in the `Origin` header: scheme, host and optional port,
 * with no path, query, wildcard or trailing slash.
 */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    // WHATWG URLs accept '*' in a host name; a wildcard must not pass for an origin.
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value && !value.includes('*');
  } catch {
    return false;
  }
}

const originList = z.string().transform((value, ctx) => {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  entries.forEach((entry, index) => {
    if (!isOrigin(entry)) {
      // The position, not the value: messages never echo configuration values.
      ctx.addIssue({ code: 'custom', message: `entry ${index + 1} is not an origin like https://app.example.org (scheme, host, optional port; no path or trailing slash)` });
    }
  });
  return entries;
});

/** Environment variables of the HTTP edge and login throttling; merged into the control plane's schema. */
export const httpSecurityEnvSchema = z.object({
  CORS_ALLOWED_ORIGINS: originList.default([]),
  MAX_BODY_BYTES: envInt(1024, 64 * 1024 * 1024).default(1024 * 1024),
  TRUST_PROXY_HOPS: envInt(0, 10).default(0),
  LOGIN_MAX_FAILURES: envInt(1, 1000).default(5),
  LOGIN_MAX_FAILURES_PER_IP: envInt(1, 100_000).default(20),
  LOGIN_WINDOW_SECONDS: envInt(1, 24 * 3600).default(900),
});

type HttpSecurityEnv = z.infer<typeof httpSecurityEnvSchema>;

export class HttpSecurityConfig {
  constructor(
    /** Browser origins allowed to call the API cross-origin; empty allows none. */
    readonly corsAllowedOrigins: readonly string[],
    /** Largest JSON request body accepted, in bytes. */
    readonly maxBodyBytes: number,
    /** Reverse proxies in front of the API whose X-Forwarded-For is trusted for the client IP. */
    readonly trustProxyHops: number,
  ) {}

  static fromEnv(env: HttpSecurityEnv): HttpSecurityConfig {
    return new HttpSecurityConfig(env.CORS_ALLOWED_ORIGINS, env.MAX_BODY_BYTES, env.TRUST_PROXY_HOPS);
  }
}

export class LoginThrottleConfig {
  constructor(
    /** Failed logins for one email from one client IP before further attempts get 429. */
    readonly maxFailures: number,
    /** Failed logins from one client IP, any email, before further attempts get 429. */
    readonly maxFailuresPerIp: number,
    /** Fixed window, counted from the first failure, after which the counters expire. */
    readonly windowSeconds: number,
  ) {}

  static fromEnv(env: HttpSecurityEnv): LoginThrottleConfig {
    return new LoginThrottleConfig(env.LOGIN_MAX_FAILURES, env.LOGIN_MAX_FAILURES_PER_IP, env.LOGIN_WINDOW_SECONDS);
  }
}
