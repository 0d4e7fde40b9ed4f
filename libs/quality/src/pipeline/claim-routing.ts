import type { DataType } from '@ade/contracts';
import { expectationIdOf } from '@ade/quality-model';
import { CLAIM_TYPE_ROUTES, claimTypeOfSql, isRoutedClaimTypeSql, UNROUTED_MESSAGE, UNROUTED_RULE_ID } from '../claim-routes';
import { sourceColumnSql } from '../source-table';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';
import type { Expectation } from './expectations';

/**
 * How a pipeline of one claim form reads a medical-claim file that mixes both (the Tuva input
 * layer's `medical_claim`): it judges the lines of its own claim type, leaves the other form's
 * lines to that form's pipeline (bronze keeps them; the report counts them), and quarantines a
 * line of no known claim type, which no pipeline would judge.
 */
export const MIXED_MEDICAL_CLAIM_LAYOUT = {
  id: 'tuva-medical-claim',
  name: 'a medical_claim file mixing professional and institutional lines, routed by claim_type',
} as const;

/** The claim types whose lines belong to another data type's pipeline. */
export function otherClaimTypes(dataType: DataType): Array<{ claimType: string; type: DataType }> {
  return CLAIM_TYPE_ROUTES.filter((route) => route.type !== dataType);
}

/** TRUE on a line of another claim form, by its claim type (trimmed, lower-cased) in `claimTypeSql`. */
export function routedElsewhereSql(claimTypeSql: string, dataType: DataType): string {
  return claimTypeOfSql(claimTypeSql, otherClaimTypes(dataType));
}

/** Quarantines a line whose claim type routes it nowhere: no rule set would judge it. */
export function unroutedExpectation(stage: StageDialect = duckdbStage): Expectation {
  return {
    id: expectationIdOf(UNROUTED_RULE_ID, 'claim_type'),
    rule: UNROUTED_RULE_ID,
    family: 'integrity',
    dimension: 'validity',
    action: 'drop',
    column: 'claim_type',
    message: UNROUTED_MESSAGE,
    passSql: isRoutedClaimTypeSql(sourceColumnSql('claim_type', stage.quote)),
    prepareSql: [],
  };
}
