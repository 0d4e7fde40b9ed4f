import type { StatePack } from '../states/state-pack';
import type { ExpressionDialect } from './sql/expression-dialect';
import type { WorkTables } from './sql/work-tables';

export type RuleFamily = 'code_validity' | 'business' | 'integrity';
export type Severity = 'error' | 'warning';

/**
 * The values a rule reads, by role (e.g. `{ code: 'E11.9', serviceDate: '2025-01-03' }`). Raw
 * strings as they arrived; an empty string counts as absent and is passed as null.
 */
export type RuleInputs<R extends string = string> = Readonly<Record<R, string | null>>;

/** What a rule may depend on besides its inputs. */
export interface RuleEnvironment {
  /** "Today" for date rules, YYYY-MM-DD. Fixed per validation run so results are reproducible. */
  asOf: string;
  statePack: StatePack;
}

/** Reference tables the SQL renderings may join against; the engine decides where they live. */
export type ReferenceTable =
  | 'icd10cm_validity'
  | 'icd10cm_headers'
  | 'hcpcs_level2'
  | 'hcpcs_modifiers'
  | 'nucc_taxonomy'
  | 'place_of_service'
  | 'us_states';

/** SQL expressions for one joined ICD-10-CM interval: DATE, DATE, BOOLEAN. */
export interface Icd10CmIntervalColumns {
  validFrom: string;
  validTo: string;
  header: string;
}

export interface SqlRenderContext extends RuleEnvironment {
  /** The engine's spelling of the functions that differ (duckdbExpressions, databricksExpressions). */
  dialect: ExpressionDialect;
  /** The qualified name of a reference table, e.g. `ref.icd10cm_validity`. */
  ref(table: ReferenceTable): string;
  /**
   * The DATE (or NULL) an input holds, read the one claim-date way. An engine that has already
   * parsed a column once per row can hand back that column; by default the input is parsed here.
   */
  claimDate?(input: string): string;
  /**
   * The ICD-10-CM intervals of a code input, joined in once per row by the engine (see
   * Icd10CmLookupJoins): one entry per interval slot, each the SQL of its first and last day and
   * whether it is a header interval, all NULL in slots the code does not fill (and in every slot
   * for a code no code set ever had). Without it the date-of-service rules look the code up themselves.
   */
  icd10CmIntervals?(code: string): readonly Icd10CmIntervalColumns[];
  /** Where the tables a rendering builds for itself live (the joined ICD-10-CM intervals); the session's temp tables by default. */
  work?: WorkTables;
}

/**
 * A healthcare rule, written once and rendered two ways that must agree on every input: a
 * TypeScript predicate for one record (API, CLI) and a SQL expression the engine evaluates over
 * a whole table. Both answer "does this pass?"; a rule whose `requires` inputs are absent passes
 * (absence is the job of required-field rules, so one missing value is never counted twice).
 */
export interface Rule<R extends string = string> {
  /** Stable id, e.g. `npi.check_digit`; reports and quarantine rows carry it. */
  id: string;
  family: RuleFamily;
  severity: Severity;
  /** The inputs by role name; the first is the one a violation is reported against. */
  roles: readonly R[];
  /** Roles that must be present for the rule to apply. */
  requires: readonly R[];
  description: string;
  /** Shown with each violation. Never contains the offending value: values can be PHI. */
  message: string;
  test(inputs: RuleInputs<R>, env: RuleEnvironment): boolean;
  /**
   * A boolean SQL expression over the given input expressions (each yields VARCHAR or NULL);
   * TRUE means the row passes. Must be TRUE, never NULL, when a required input is NULL.
   */
  sql(inputs: Readonly<Record<R, string>>, context: SqlRenderContext): string;
}
