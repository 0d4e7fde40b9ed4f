import { z } from 'zod';
import { CronExpressionParser } from 'cron-parser';

/** A scheduled pipeline run, fired by the control plane's scheduler queue. Ids only. */
export const SCHEDULED_RUN_JOB = 'pipeline.scheduled';

export const scheduledRunSchema = z
  .object({
    tenantId: z.uuid(),
    pipelineId: z.uuid(),
  })
  .strict();
export type ScheduledRun = z.infer<typeof scheduledRunSchema>;

/**
 * Five-field cron (minute hour day-of-month month day-of-week). The scheduler evaluates it in
 * UTC; whether an expression is valid does not depend on the time zone.
 */
export function isValidCron(expression: string): boolean {
  if (expression.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(expression);
    return true;
  } catch {
    return false;
  }
}

export const cronExpression = z
  .string()
  .max(120)
  .refine(isValidCron, 'must be a five-field cron expression, e.g. "0 6 * * *"');
