import type { ExpressionDialect } from '../sql/expression-dialect';

/**
 * Revenue codes whose line carries a HIPPS rate code in the HCPCS field instead of a procedure
 * (NUBC: 0022 skilled nursing PPS, 0023 home health PPS, 0024 inpatient rehabilitation PPS).
 */
export const HIPPS_REVENUE_CODES: readonly string[] = ['0022', '0023', '0024'];

export function isHippsLine(revenueCode: string | null | undefined): boolean {
  return revenueCode != null && HIPPS_REVENUE_CODES.includes(revenueCode.trim());
}

/** The SQL twin of isHippsLine: TRUE or FALSE, never NULL. */
export function isHippsLineSql(revenueCode: string, dialect: ExpressionDialect): string {
  return `coalesce(trim(${revenueCode}) IN (${HIPPS_REVENUE_CODES.map(dialect.string).join(', ')}), false)`;
}
