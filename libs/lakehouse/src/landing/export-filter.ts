import { ContractViolation, expectationSqlProblem, formatTableName, rewriteExpectationSql, sparkExpectationSql, type TableRef } from '@ade/contracts';
import type { SqlDialect } from '../lakehouse.port';

/**
 * An export's filter with its column names quoted the engine's way, once it is known to read only
 * the table's own columns (in the expectation vocabulary, DuckDB's own or translated to Spark
 * SQL); anything else, or what the engine has no equivalent for, is a ContractViolation naming
 * the table.
 */
export function vettedExportCondition(where: string, columns: readonly string[], table: TableRef, quoteColumnName: (name: string) => string, dialect: SqlDialect): string {
  const known = new Set(columns.map((c) => c.toLowerCase()));
  const problem = expectationSqlProblem(where, known);
  if (problem) throw new ContractViolation(`export filter on ${formatTableName(table)} ${problem.message}`);
  if (dialect === 'duckdb') return rewriteExpectationSql(where, known, quoteColumnName);
  try {
    return sparkExpectationSql(where, known, quoteColumnName);
  } catch (error) {
    if (error instanceof RangeError) throw new ContractViolation(`export filter on ${formatTableName(table)}: ${error.message.replace(/^expectation SQL /, '')}`);
    throw error;
  }
}
