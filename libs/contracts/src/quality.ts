import { z } from 'zod';
import { DATA_TYPES } from './data-types';
import { EXPECTATION_ACTIONS, expectationId } from './expectations';
import { THREE_PART_TABLE_NAME } from './identifiers';
import { mappingProposalSchema } from './mappings';

/**
 * What the quality agent measured on one run of one table. Aggregates and masked shapes only:
 * a sample is a value's shape (`X99.9`), never the value, so nothing here is PHI.
 */
export const QUALITY_DIMENSIONS = ['completeness', 'validity', 'uniqueness', 'consistency'] as const;
export type QualityDimension = (typeof QUALITY_DIMENSIONS)[number];

export const RULE_FAMILIES = ['code_validity', 'business', 'integrity', 'freshness', 'custom'] as const;
export type QualityRuleFamily = (typeof RULE_FAMILIES)[number];

const ratio = z.number().min(0).max(1);
const count = z.int().min(0);
const columnName = z.string().max(128);
/** Masked value shapes: letters → X, digits → 9, at most 32 characters. */
export const maskedSample = z.string().max(32).regex(/^[X9 .\-/$,:_+#*]*$/, 'must be a masked shape');

export const expectationResultSchema = z
  .object({
    id: expectationId,
    rule: z.string().max(128),
    family: z.enum(RULE_FAMILIES),
    dimension: z.enum(QUALITY_DIMENSIONS),
    action: z.enum(EXPECTATION_ACTIONS),
    column: columnName.nullable(),
    failed: count,
    samples: z.array(maskedSample).max(5),
  })
  .strict();
export type ExpectationResult = z.infer<typeof expectationResultSchema>;

export const repairCountSchema = z.object({ repair: z.string().max(64), column: columnName, count }).strict();
export type RepairCount = z.infer<typeof repairCountSchema>;

export const amountProfileSchema = z
  .object({ count, mean: z.number().nullable(), median: z.number().nullable(), mad: z.number().nullable() })
  .strict();
export type AmountProfile = z.infer<typeof amountProfileSchema>;

/** The figures anomaly detection compares with the table's history. */
export const tableProfileSchema = z
  .object({
    nullRates: z.record(columnName, ratio),
    amounts: z.record(columnName, amountProfileSchema),
    providers: z.object({ distinct: count, new: count }).strict(),
    /**
     * Only the year of the newest service date: every other element of a date of service is a
     * Safe Harbor identifier, and a run of one row would report that patient's date. Freshness
     * itself is judged in the data plane (`business.freshness`).
     */
    newestServiceYear: z.int().min(1900).max(2200).nullable(),
  })
  .strict();
export type TableProfile = z.infer<typeof tableProfileSchema>;

export const qualityScoresSchema = z
  .object({ completeness: ratio, validity: ratio, uniqueness: ratio, consistency: ratio, overall: ratio })
  .strict();
export type QualityScores = z.infer<typeof qualityScoresSchema>;

export const qualityReportSchema = z
  .object({
    /** The silver table, `catalog.silver.table`. */
    table: z.string().regex(THREE_PART_TABLE_NAME),
    rows: z
      .object({ input: count, silver: count, quarantined: count, warned: count, repaired: count })
      .strict(),
    scores: qualityScoresSchema,
    expectations: z.array(expectationResultSchema).max(1000),
    repairs: z.array(repairCountSchema).max(1000),
    profile: tableProfileSchema,
    /**
     * The public file layout the run's files were recognised as (e.g. `cms-ccw-rif-carrier`), or
     * null when they were read by column names. Absent from reports made before layouts existed.
     */
    layout: z
      .object({ id: z.string().regex(/^[a-z0-9-]{1,64}$/), name: z.string().min(1).max(200) })
      .strict()
      .nullable()
      .optional(),
    /** For files in no known layout: the mapping the profiler proposed and applied, with its evidence. */
    proposal: mappingProposalSchema.optional(),
    /**
     * For a medical-claim file mixing both claim forms: the lines of each other claim type, left
     * to that data type's pipeline (bronze keeps them) instead of being judged here.
     */
    routed: z
      .array(z.object({ claimType: z.string().regex(/^[a-z]{1,32}$/), dataType: z.enum(DATA_TYPES), lines: count }).strict())
      .max(10)
      .optional(),
  })
  .strict();
export type QualityReport = z.infer<typeof qualityReportSchema>;

/** One write the run made: a file or table into a table, with the rows it moved. */
export const lineageEdgeSchema = z
  .object({
    source: z.object({ kind: z.enum(['file', 'table']), name: z.string().min(1).max(1024) }).strict(),
    target: z.string().regex(THREE_PART_TABLE_NAME),
    rows: count,
  })
  .strict();
export type LineageEdge = z.infer<typeof lineageEdgeSchema>;

/** Which quarantined rows a release re-evaluates; all unreleased rows of the table when empty. */
export const releaseFilterSchema = z
  .object({
    rules: z.array(z.string().max(128)).max(100).optional(),
    runId: z.uuid().optional(),
  })
  .strict();
export type ReleaseFilter = z.infer<typeof releaseFilterSchema>;

export const releasedByRuleSchema = z.array(z.object({ rule: z.string().max(128), released: count }).strict()).max(1000);
