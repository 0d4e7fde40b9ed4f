import { describe, expect, it } from 'vitest';
import { ConfigError } from '@ade/config';
import { loadControlPlaneConfig } from './control-plane.config';

const valid = {
  DATABASE_URL: 'postgres://app@db.internal:5432/ade',
  JWT_SECRET: 'k'.repeat(40),
  SECRETS_KEYS: `main:${Buffer.alloc(32, 7).toString('base64')}`,
  QUEUE_SIGNING_KEYS: `q1:${Buffer.alloc(32, 9).toString('base64')}`,
};

describe('webhook configuration', () => {
  it('defaults to 6 attempts from 1 s, a 5 s timeout and no private targets', () => {
    expect(loadControlPlaneConfig(valid).webhooks).toEqual({ maxAttempts: 6, backoffMs: 1000, timeoutMs: 5000, allowPrivateTargets: false });
  });

  it('reads its variables', () => {
    const config = loadControlPlaneConfig({ ...valid, WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '20', WEBHOOK_TIMEOUT_MS: '250', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    expect(config.webhooks).toEqual({ maxAttempts: 3, backoffMs: 20, timeoutMs: 250, allowPrivateTargets: true });
  });

  it('names bad values', () => {
    try {
      loadControlPlaneConfig({ ...valid, WEBHOOK_MAX_ATTEMPTS: '0', WEBHOOK_BACKOFF_MS: 'soon', WEBHOOK_TIMEOUT_MS: '60001', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'yes' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'WEBHOOK_ALLOW_PRIVATE_TARGETS',
        'WEBHOOK_BACKOFF_MS',
        'WEBHOOK_MAX_ATTEMPTS',
        'WEBHOOK_TIMEOUT_MS',
      ]);
    }
  });
});
