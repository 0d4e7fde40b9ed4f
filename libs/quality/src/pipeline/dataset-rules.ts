import { ruleById, type CanonicalSchema, type SqlRenderContext } from '@ade/healthcare';
import { hasColumn, PROVIDER_COLUMNS, SERVICE_SPANS, type DatasetRuleId } from '@ade/quality-model';
import { duplicateCheck } from '../duplicate-check';
import { parsedDateColumn } from '../parsed-dates';
import { SOURCE_TABLE, sourceColumnSql } from '../source-table';
import type { StageDialect } from '../sql/stage-dialect';

export interface DatasetPlanContext {
  schema: CanonicalSchema;
  present: ReadonlySet<string>;
  render: SqlRenderContext;
  stage: StageDialect;
  lookups: DatasetLookups;
}

/** The other silver tables the data-set rules read, each qualified, or null (none) where the catalog lacks it. */
export interface DatasetLookups {
  providers: string | null;
  eligibility: string | null;
  /** The claim tables (professional, institutional) a remittance is reconciled against. */
  claims: readonly string[];
}

export interface DatasetCheck {
  column: string | null;
  message: string;
  passSql: string;
  prepareSql: string[];
}

/**
 * How the rules over the whole data set or other tables are judged, which no single record can
 * answer: repeated business keys, NPIs the provider table does not know, service outside the
 * member's enrollment, a remittance paying other than its claim in silver says. Like the library
 * rules, each passes what another rule reports (a malformed NPI is not also "unknown"; a date that
 * does not parse is not also "outside eligibility"; a malformed paid amount is not also "differs").
 */
export const DATASET_RULE_PLANS: Record<DatasetRuleId, (context: DatasetPlanContext) => DatasetCheck[]> = {
  'integrity.duplicate_line': ({ schema, present, stage }) => {
    if (schema.businessKey.length === 0 || !schema.businessKey.every((column) => present.has(column))) return [];
    const { check, prepareSql } = duplicateCheck(0, schema.businessKey, stage);
    return [{ column: schema.businessKey[0]!, message: check.message, passSql: check.passSql, prepareSql: [prepareSql] }];
  },
  'integrity.unknown_provider': ({ schema, present, render, stage, lookups }) => {
    if (!lookups.providers) return [];
    const columns = PROVIDER_COLUMNS.filter((column) => hasColumn(schema, column) && present.has(column));
    if (columns.length === 0) return [];
    const prepareSql = [stage.work.createAs('known_npis', `SELECT DISTINCT trim(npi) AS npi FROM ${lookups.providers} WHERE npi IS NOT NULL`)];
    return columns.map((column) => {
      const value = sourceColumnSql(column, stage.quote);
      const wellFormed = `(${ruleById('npi.format').sql({ npi: value }, render)}) AND (${ruleById('npi.check_digit').sql({ npi: value }, render)})`;
      return {
        column,
        message: 'Provider NPI is not in the provider table',
        passSql: `${value} IS NULL OR NOT (${wellFormed}) OR ${value} IN (SELECT npi FROM ${stage.work.ref('known_npis')})`,
        prepareSql,
      };
    });
  },
  'business.eligibility_span': ({ present, stage, lookups }) => {
    const span = SERVICE_SPANS.find(([from]) => present.has(from));
    if (!lookups.eligibility || !present.has('member_id') || !span) return [];
    const column = (name: string) => sourceColumnSql(name, stage.quote);
    const from = column(parsedDateColumn(span[0]));
    const to = span[1] && present.has(span[1]) ? `coalesce(${column(parsedDateColumn(span[1]))}, ${from})` : from;
    const member = column('member_id');
    const { work, rowId } = stage;
    return [
      {
        column: 'member_id',
        message: "Service dates are outside the member's eligibility spans",
        passSql: `${SOURCE_TABLE}.${rowId} NOT IN (SELECT source_row FROM ${work.ref('eligibility_misses')})`,
        prepareSql: [
          work.createAs(
            'eligibility_spans',
            `SELECT trim(member_id) AS member_id, enrollment_start_date AS span_from, coalesce(enrollment_end_date, DATE '9999-12-31') AS span_to FROM ${lookups.eligibility} WHERE member_id IS NOT NULL AND enrollment_start_date IS NOT NULL`,
          ),
          // A row is covered when one span holds both of its dates; misses are the rest.
          work.createAs(
            'eligibility_misses',
            `SELECT ${SOURCE_TABLE}.${rowId} AS source_row FROM ${work.from(SOURCE_TABLE)} ` +
              `WHERE ${member} IS NOT NULL AND ${from} IS NOT NULL AND NOT EXISTS (` +
              `SELECT 1 FROM ${work.ref('eligibility_spans')} AS e WHERE e.member_id = ${member} AND e.span_from <= ${from} AND e.span_to >= ${to})`,
          ),
        ],
      },
    ];
  },
  'business.remittance_paid': ({ schema, present, stage, lookups }) => {
    if (schema.dataType !== 'remittance' || lookups.claims.length === 0 || !present.has('claim_id') || !present.has('claim_paid_amount')) return [];
    const column = (name: string) => sourceColumnSql(name, stage.quote);
    const { work, rowId } = stage;
    const paid = stage.expressions.tryCast(column('claim_paid_amount'), 'DECIMAL(38,8)');
    // The payer's ICN finds the claim when the claims carry it instead of the provider's claim id.
    const byIcn = present.has('payer_claim_control_number');
    const silverPaid = `coalesce(by_id.paid${byIcn ? ', by_icn.paid' : ''})`;
    const reversal = present.has('claim_status_code') ? ` AND coalesce(${column('claim_status_code')}, '') <> '22'` : '';
    return [
      {
        column: 'claim_paid_amount',
        message: 'Claim paid in the remittance differs from the paid amount of the claim in silver',
        passSql: `${SOURCE_TABLE}.${rowId} NOT IN (SELECT source_row FROM ${work.ref('remittance_paid_misses')})`,
        prepareSql: [
          // A claim whose lines carry no paid amount (an 837 as submitted) has nothing to reconcile.
          work.createAs(
            'silver_claim_paid',
            `SELECT claim_id, sum(paid_amount) AS paid FROM (` +
              lookups.claims.map((table) => `SELECT trim(claim_id) AS claim_id, CAST(paid_amount AS DECIMAL(38,8)) AS paid_amount FROM ${table}`).join(' UNION ALL ') +
              `) AS claim_lines WHERE claim_id IS NOT NULL GROUP BY claim_id HAVING count(paid_amount) > 0`,
          ),
          work.createAs(
            'remittance_paid_misses',
            `SELECT ${SOURCE_TABLE}.${rowId} AS source_row FROM ${work.from(SOURCE_TABLE)} ` +
              `LEFT JOIN ${work.ref('silver_claim_paid')} AS by_id ON by_id.claim_id = trim(${column('claim_id')}) ` +
              (byIcn ? `LEFT JOIN ${work.ref('silver_claim_paid')} AS by_icn ON by_icn.claim_id = trim(${column('payer_claim_control_number')}) ` : '') +
              `WHERE ${paid} IS NOT NULL AND ${silverPaid} IS NOT NULL AND ${paid} <> ${silverPaid}${reversal}`,
          ),
        ],
      },
    ];
  },
  // Judged on the run as a whole, after the rows: see freshness.ts.
  'business.freshness': () => [],
};
