import { BLANK } from '@ade/healthcare';
import { duckdbStage, type StageDialect } from './sql/stage-dialect';

/**
 * How raw values reach the rules, identically in TypeScript and SQL: an empty or blank value
 * (the rules' BLANK set: spaces, tabs, line breaks only) is absent, so it is judged once, by
 * required.missing, and by no format rule.
 */
export function asRuleInput(value: string | null | undefined): string | null {
  return value === null || value === undefined || BLANK.test(value) ? null : value;
}

/**
 * The same blank set as BLANK, spelled with trim() rather than the regex because it runs on every
 * value of every read column: only a value that starts with one of those characters can be blank,
 * so the cheap first-character test spares trim() for almost every value. rule-inputs.spec.ts
 * checks the two agree.
 */
export function asRuleInputSql(expression: string, stage: Pick<StageDialect, 'trimChars'> = duckdbStage): string {
  const blank = `ascii(${expression}) IN (9, 10, 13, 32) AND ${stage.trimChars(expression, "' ' || chr(9) || chr(13) || chr(10)")} = ''`;
  return `CASE WHEN ${expression} = '' OR (${blank}) THEN NULL ELSE ${expression} END`;
}
