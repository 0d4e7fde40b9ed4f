import { claimDateSql, duckdbExpressions, type ExpressionDialect } from '@ade/healthcare';

/**
 * Date columns are parsed once per row while the file is read, instead of once per rule that
 * reads them (a claim line's service date feeds half a dozen rules). Rules reach the parsed value
 * through the SqlRenderContext.claimDate hook; the parse itself is the rules' own claimDateSql.
 */
export function parsedDateColumn(source: string): string {
  return `__date__${source}`;
}

export function parsedDateSql(rawInput: string, dialect: ExpressionDialect = duckdbExpressions): string {
  return claimDateSql(rawInput, dialect);
}

/** `columnSql` maps a source column to its SQL reference in the prepared table. */
export function claimDateHook(
  dateSources: Iterable<string>,
  columnSql: (column: string) => string,
  dialect: ExpressionDialect = duckdbExpressions,
): (input: string) => string {
  const parsed = new Map([...dateSources].map((source) => [columnSql(source), columnSql(parsedDateColumn(source))]));
  return (input) => parsed.get(input) ?? claimDateSql(input, dialect);
}
