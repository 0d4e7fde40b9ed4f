import type { ExpectationAction, QualityDimension, QualityRuleFamily } from '@ade/contracts';
import type { CanonicalSchema } from '@ade/healthcare';
import { SERVICE_SPANS } from '../claim-roles';

export interface DatasetRuleDefault {
  meta: { rule: string; family: QualityRuleFamily; dimension: QualityDimension; action: ExpectationAction };
  /** The columns it is reported against (for the catalog of defaults), whatever a file holds. */
  columns(schema: CanonicalSchema): Array<string | null>;
}

/** The NPI columns checked against the provider table: who billed and who rendered the service. */
export const PROVIDER_COLUMNS = ['billing_npi', 'rendering_npi', 'prescribing_provider_npi', 'dispensing_provider_npi'];

export const hasColumn = (schema: CanonicalSchema, column: string) => schema.columns.some((c) => c.name === column);

/**
 * The rules over a whole data set or other tables (repeated business keys, NPIs the provider
 * table does not know, service outside the member's enrollment, a remittance that paid other than
 * the claim in silver says, stale data) as a pipeline
 * definition names and overrides them. How each is judged is the engine's business (libs/quality).
 */
export const DATASET_RULE_DEFAULTS = {
  'integrity.duplicate_line': {
    meta: { rule: 'integrity.duplicate_line', family: 'integrity', dimension: 'uniqueness', action: 'drop' },
    columns: (schema) => (schema.businessKey.length > 0 ? [schema.businessKey[0]!] : []),
  },
  'integrity.unknown_provider': {
    meta: { rule: 'integrity.unknown_provider', family: 'integrity', dimension: 'consistency', action: 'drop' },
    columns: (schema) => PROVIDER_COLUMNS.filter((column) => hasColumn(schema, column)),
  },
  'business.eligibility_span': {
    meta: { rule: 'business.eligibility_span', family: 'business', dimension: 'consistency', action: 'drop' },
    columns: (schema) => (hasColumn(schema, 'member_id') && SERVICE_SPANS.some(([from]) => hasColumn(schema, from)) ? ['member_id'] : []),
  },
  'business.remittance_paid': {
    meta: { rule: 'business.remittance_paid', family: 'business', dimension: 'consistency', action: 'warn' },
    columns: (schema) => (schema.dataType === 'remittance' ? ['claim_paid_amount'] : []),
  },
  'business.freshness': {
    meta: { rule: 'business.freshness', family: 'freshness', dimension: 'consistency', action: 'warn' },
    columns: (schema) => (SERVICE_SPANS.some(([from]) => hasColumn(schema, from)) ? [null] : []),
  },
} satisfies Record<string, DatasetRuleDefault>;

export type DatasetRuleId = keyof typeof DATASET_RULE_DEFAULTS;
