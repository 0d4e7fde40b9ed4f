/**
 * How raw values reach the rules, identically in TypeScript and SQL: an empty or blank value
 * (spaces, tabs, line breaks only) is absent, so it is judged once, by required.missing, and by
 * no format rule. The blank set is spelled out because JS `\s` and RE2 `\s` differ on Unicode.
 */
const BLANK = /^[ \t\r\n]*$/;

export function asRuleInput(value: string | null | undefined): string | null {
  return value === null || value === undefined || BLANK.test(value) ? null : value;
}

/**
 * The same blank set as asRuleInput. Only a value that starts with one of those characters can
 * be blank, so the cheap first-character test spares trim() for almost every value.
 */
export function asRuleInputSql(expression: string): string {
  const blank = `ascii(${expression}) IN (9, 10, 13, 32) AND trim(${expression}, ' ' || chr(9) || chr(13) || chr(10)) = ''`;
  return `CASE WHEN ${expression} = '' OR (${blank}) THEN NULL ELSE ${expression} END`;
}
