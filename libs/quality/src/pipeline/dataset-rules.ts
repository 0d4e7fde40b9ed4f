import type { ExpectationAction, QualityDimension, QualityRuleFamily } from '@ade/contracts';
import { ruleById, type CanonicalSchema, type SqlRenderContext } from '@ade/healthcare';
import { DUPLICATE_ROWS_TABLE, duplicateCheck } from '../duplicate-check';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE, sourceColumnSql } from '../source-table';
import { SERVICE_SPANS } from './claim-roles';

export interface DatasetPlanContext {
  schema: CanonicalSchema;
  present: ReadonlySet<string>;
  render: SqlRenderContext;
  lookups: { providers: string | null; eligibility: string | null };
}

export interface DatasetCheck {
  column: string | null;
  message: string;
  passSql: string;
  prepareSql: string[];
}

interface DatasetRule {
  meta: { rule: string; family: QualityRuleFamily; dimension: QualityDimension; action: ExpectationAction };
  /** The columns it is reported against (for the catalog of defaults), whatever a file holds. */
  columns(schema: CanonicalSchema): Array<string | null>;
  plan(context: DatasetPlanContext): DatasetCheck[];
}

/** The NPI columns checked against the provider table: who billed and who rendered the service. */
const PROVIDER_COLUMNS = ['billing_npi', 'rendering_npi', 'prescribing_provider_npi', 'dispensing_provider_npi'];

const has = (schema: CanonicalSchema, column: string) => schema.columns.some((c) => c.name === column);

/**
 * Rules over the whole data set or other tables, which no single record can answer: repeated
 * business keys, NPIs the provider table does not know, service outside the member's enrollment.
 * Like the library rules, each passes what another rule reports (a malformed NPI is not also
 * "unknown"; a date that does not parse is not also "outside eligibility").
 */
export const DATASET_RULES = {
  'integrity.duplicate_line': {
    meta: { rule: 'integrity.duplicate_line', family: 'integrity', dimension: 'uniqueness', action: 'drop' },
    columns: (schema) => (schema.businessKey.length > 0 ? [schema.businessKey[0]!] : []),
    plan: ({ schema, present }) => {
      if (schema.businessKey.length === 0 || !schema.businessKey.every((column) => present.has(column))) return [];
      const { check, prepareSql } = duplicateCheck(0, schema.businessKey);
      return [{ column: schema.businessKey[0]!, message: check.message, passSql: check.passSql, prepareSql: [`DROP TABLE IF EXISTS ${DUPLICATE_ROWS_TABLE}`, prepareSql] }];
    },
  },
  'integrity.unknown_provider': {
    meta: { rule: 'integrity.unknown_provider', family: 'integrity', dimension: 'consistency', action: 'drop' },
    columns: (schema) => PROVIDER_COLUMNS.filter((column) => has(schema, column)),
    plan: ({ schema, present, render, lookups }) => {
      if (!lookups.providers) return [];
      const columns = PROVIDER_COLUMNS.filter((column) => has(schema, column) && present.has(column));
      if (columns.length === 0) return [];
      const prepareSql = [`CREATE OR REPLACE TEMP TABLE known_npis AS SELECT DISTINCT trim(npi) AS npi FROM ${lookups.providers} WHERE npi IS NOT NULL`];
      return columns.map((column) => {
        const value = sourceColumnSql(column);
        const wellFormed = `(${ruleById('npi.format').sql({ npi: value }, render)}) AND (${ruleById('npi.check_digit').sql({ npi: value }, render)})`;
        return {
          column,
          message: 'Provider NPI is not in the provider table',
          passSql: `${value} IS NULL OR NOT (${wellFormed}) OR ${value} IN (SELECT npi FROM known_npis)`,
          prepareSql,
        };
      });
    },
  },
  'business.eligibility_span': {
    meta: { rule: 'business.eligibility_span', family: 'business', dimension: 'consistency', action: 'drop' },
    columns: (schema) => (has(schema, 'member_id') && SERVICE_SPANS.some(([from]) => has(schema, from)) ? ['member_id'] : []),
    plan: ({ present, lookups }) => {
      const span = SERVICE_SPANS.find(([from]) => present.has(from));
      if (!lookups.eligibility || !present.has('member_id') || !span) return [];
      const from = sourceColumnSql(parsedDateColumn(span[0]));
      const to = span[1] && present.has(span[1]) ? `coalesce(${sourceColumnSql(parsedDateColumn(span[1]))}, ${from})` : from;
      const member = sourceColumnSql('member_id');
      return [
        {
          column: 'member_id',
          message: "Service dates are outside the member's eligibility spans",
          passSql: `${SOURCE_TABLE}.rowid NOT IN (SELECT source_row FROM eligibility_misses)`,
          prepareSql: [
            `CREATE OR REPLACE TEMP TABLE eligibility_spans AS SELECT trim(member_id) AS member_id, enrollment_start_date AS span_from, coalesce(enrollment_end_date, DATE '9999-12-31') AS span_to FROM ${lookups.eligibility} WHERE member_id IS NOT NULL AND enrollment_start_date IS NOT NULL`,
            // A row is covered when one span holds both of its dates; misses are the rest.
            `CREATE OR REPLACE TEMP TABLE eligibility_misses AS SELECT ${SOURCE_TABLE}.rowid AS source_row FROM ${SOURCE_TABLE} ` +
              `WHERE ${member} IS NOT NULL AND ${from} IS NOT NULL AND NOT EXISTS (` +
              `SELECT 1 FROM eligibility_spans AS e WHERE e.member_id = ${member} AND e.span_from <= ${from} AND e.span_to >= ${to})`,
          ],
        },
      ];
    },
  },
  'business.freshness': {
    meta: { rule: 'business.freshness', family: 'freshness', dimension: 'consistency', action: 'warn' },
    columns: (schema) => (SERVICE_SPANS.some(([from]) => has(schema, from)) ? [null] : []),
    // Judged on the run as a whole, after the rows: see freshness.ts.
    plan: () => [],
  },
} satisfies Record<string, DatasetRule>;

export type DatasetRuleId = keyof typeof DATASET_RULES;
