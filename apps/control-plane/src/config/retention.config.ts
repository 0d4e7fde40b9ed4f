import { z } from 'zod';
import { envInt } from '@ade/config';

/** HIPAA keeps required documentation 6 years (45 CFR 164.316(b)(2)); 2192 days cover any 6 years. */
export const MIN_AUDIT_RETENTION_DAYS = 2192;
/** 7 years. */
const DEFAULT_RETENTION_DAYS = 2557;

/** Environment variables of the retention job; merged into the control plane's schema. */
export const retentionEnvSchema = z.object({
  AUDIT_RETENTION_DAYS: envInt(MIN_AUDIT_RETENTION_DAYS, 36_500).default(DEFAULT_RETENTION_DAYS),
  RUN_HISTORY_RETENTION_DAYS: envInt(1, 36_500).default(DEFAULT_RETENTION_DAYS),
  RETENTION_INTERVAL_MS: envInt(1000, 31 * 24 * 3600 * 1000).default(24 * 3600 * 1000),
});

type RetentionEnv = z.infer<typeof retentionEnvSchema>;

export class RetentionConfig {
  constructor(
    /** Audit events older than this many days are purged (never below 6 years). */
    readonly auditRetentionDays: number,
    /** Finished pipeline runs (and their incidents, reports, alerts, lineage...) older than this are deleted. */
    readonly runHistoryRetentionDays: number,
    /** How often the retention job runs. */
    readonly intervalMs: number,
  ) {}

  static fromEnv(env: RetentionEnv): RetentionConfig {
    return new RetentionConfig(env.AUDIT_RETENTION_DAYS, env.RUN_HISTORY_RETENTION_DAYS, env.RETENTION_INTERVAL_MS);
  }
}
