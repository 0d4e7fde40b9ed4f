import { ContractViolation, expectationSqlProblem, formatTableName, rewriteExpectationSql, type TableRef } from '@ade/contracts';

/**
 * An export's filter with its column names quoted the engine's way, once it is known to read only
 * the table's own columns (in the expectation vocabulary); anything else is a ContractViolation.
 */
export function vettedExportCondition(where: string, columns: readonly string[], table: TableRef, quoteColumnName: (name: string) => string): string {
  const known = new Set(columns.map((c) => c.toLowerCase()));
  const problem = expectationSqlProblem(where, known);
  if (problem) throw new ContractViolation(`export filter on ${formatTableName(table)} ${problem.message}`);
  return rewriteExpectationSql(where, known, quoteColumnName);
}
