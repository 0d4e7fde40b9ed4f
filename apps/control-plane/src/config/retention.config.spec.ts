import { describe, expect, it } from 'vitest';
import { ConfigError, readEnv } from '@ade/config';
import { RetentionConfig, retentionEnvSchema } from './retention.config';

describe('retention config', () => {
  it('defaults to 7 years and a daily run', () => {
    expect(RetentionConfig.fromEnv(readEnv(retentionEnvSchema, {}))).toEqual(new RetentionConfig(2557, 2557, 86_400_000));
  });

  it('refuses an audit retention below 6 years, naming the variable', () => {
    expect(() => readEnv(retentionEnvSchema, { AUDIT_RETENTION_DAYS: '2191' })).toThrow(ConfigError);
    expect(() => readEnv(retentionEnvSchema, { AUDIT_RETENTION_DAYS: '2191' })).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(() => readEnv(retentionEnvSchema, { RUN_HISTORY_RETENTION_DAYS: 'x' })).toThrow(/RUN_HISTORY_RETENTION_DAYS/);
    expect(readEnv(retentionEnvSchema, { AUDIT_RETENTION_DAYS: '2192', RUN_HISTORY_RETENTION_DAYS: '30' })).toMatchObject({ AUDIT_RETENTION_DAYS: 2192, RUN_HISTORY_RETENTION_DAYS: 30 });
  });
});
