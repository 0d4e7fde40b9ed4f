import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '@ade/config';
import { RateLimitConfig, rateLimitEnvSchema } from './rate-limit.config';

describe('RateLimitConfig', () => {
  it('defaults to 600 requests a minute', () => {
    expect(RateLimitConfig.fromEnv(readEnv(rateLimitEnvSchema, {}))).toEqual(new RateLimitConfig(600, 60));
  });

  it('reads both variables', () => {
    const config = RateLimitConfig.fromEnv(readEnv(rateLimitEnvSchema, { API_RATE_LIMIT_PER_MINUTE: '5', API_RATE_LIMIT_WINDOW_SECONDS: '2' }));
    expect(config).toEqual(new RateLimitConfig(5, 2));
  });

  it.each([
    ['API_RATE_LIMIT_PER_MINUTE', '0'],
    ['API_RATE_LIMIT_PER_MINUTE', 'lots'],
    ['API_RATE_LIMIT_WINDOW_SECONDS', '3601'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => readEnv(rateLimitEnvSchema, { [name]: value })).toThrow(ConfigError);
    expect(() => readEnv(rateLimitEnvSchema, { [name]: value })).toThrow(name);
  });
});
