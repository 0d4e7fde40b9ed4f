import { sqlLogicalType } from './literals';

/**
 * A cast that succeeds can still change the value: DuckDB rounds '12.5' to the BIGINT 13, cuts
 * '2024-02-28 10:00' to the DATE 2024-02-28 and drops the offset of '...T10:00+02:00' from a
 * TIMESTAMP. For those types a value only fits when it casts to the same thing as it does to a
 * wider, exact type. The DECIMALs keep the target's integer digits and add fraction digits.
 */
const EXACT_REFERENCE: Readonly<Record<string, string>> = {
  TINYINT: 'DECIMAL(38,35)',
  SMALLINT: 'DECIMAL(38,33)',
  INTEGER: 'DECIMAL(38,28)',
  BIGINT: 'DECIMAL(38,19)',
  // No exact type is wider; DOUBLE still catches a fraction.
  HUGEINT: 'DOUBLE',
  DATE: 'TIMESTAMP',
  TIMESTAMP: 'TIMESTAMP WITH TIME ZONE',
};

const DECIMAL = /^DECIMAL\((\d+),(\d+)\)$/;

function exactReference(type: string): string | undefined {
  const decimal = DECIMAL.exec(type);
  if (!decimal) return EXACT_REFERENCE[type];
  const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
  return precision < 38 ? `DECIMAL(38,${38 - precision + scale})` : undefined;
}

/** True when the text `value` is a `type` value that the cast keeps intact; NULL when it is no `type` value at all. */
export function valueFitsSql(value: string, type: string): string {
  const cast = `TRY_CAST(${value} AS ${sqlLogicalType(type)})`;
  const reference = exactReference(type);
  return reference === undefined ? `${cast} IS NOT NULL` : `${cast} = TRY_CAST(${value} AS ${reference})`;
}

/** True when `value` holds something that does not fit `type`: it must not land in a column of that type. */
export function misfitSql(value: string, type: string): string {
  return `(${value} IS NOT NULL AND NOT coalesce(${valueFitsSql(value, type)}, false))`;
}
