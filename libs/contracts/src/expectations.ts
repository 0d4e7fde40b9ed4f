import { z } from 'zod';
import { expectationSqlProblem } from './expectation-sql';

/**
 * What a failing expectation does to its row, as in Delta Live Tables: `warn` keeps the row and
 * counts it, `drop` moves it to the table's quarantine, `fail` fails the whole run.
 */
export const EXPECTATION_ACTIONS = ['warn', 'drop', 'fail'] as const;
export type ExpectationAction = (typeof EXPECTATION_ACTIONS)[number];

/** `<rule id>` or `<rule id>:<column>` for library expectations; any such name for SQL ones. */
export const EXPECTATION_ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(:[a-z0-9_]+)?$/;

export const expectationId = z.string().max(128).regex(EXPECTATION_ID, "must be like 'npi.check_digit', 'npi.check_digit:billing_npi' or 'custom.high_paid'");

/**
 * A tenant's change to the defaults of its data type. With `sql`, it is a new expectation: a
 * boolean expression over the silver columns that must hold (TRUE passes). Without it, it changes
 * a default one: by full id (one column) or by rule id (every column the rule is bound to).
 */
export const expectationOverrideSchema = z
  .object({
    id: expectationId,
    action: z.enum(EXPECTATION_ACTIONS).optional(),
    enabled: z.boolean().optional(),
    sql: z
      .string()
      .optional()
      .superRefine((sql, ctx) => {
        if (sql === undefined) return;
        const problem = expectationSqlProblem(sql);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
      }),
    description: z.string().max(200).optional(),
  })
  .strict();
export type ExpectationOverride = z.infer<typeof expectationOverrideSchema>;

/** The quality stage's settings on a pipeline definition. Config only: never row data. */
/** A table of the tenant's silver schema, by its plain name. */
const silverTableName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/);

export const qualitySettingsSchema = z
  .object({
    expectations: z
      .array(expectationOverrideSchema)
      .max(200)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((entry, index) => {
          if (seen.has(entry.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `repeats '${entry.id}'` });
          seen.add(entry.id);
        });
      })
      .default([]),
    /** `business.freshness` fails the run's newest service date when it is older than this. */
    freshnessMaxDays: z.int().min(1).max(3650).optional(),
    /** Tables the cross-table rules read; default: the silver tables of those data types, when present. */
    eligibilityTable: silverTableName.optional(),
    providerTable: silverTableName.optional(),
    /** The claim tables a remittance is reconciled against; default `professional_claims` and `institutional_claims`. */
    claimTables: z.array(silverTableName).min(1).max(8).optional(),
  })
  .strict();
export type QualitySettings = z.infer<typeof qualitySettingsSchema>;
