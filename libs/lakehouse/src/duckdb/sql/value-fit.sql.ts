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

/** Digits a plain value may have and still fit for sure: the type's range never cuts it. */
const PLAIN_INTEGER_DIGITS: Readonly<Record<string, number>> = { TINYINT: 2, SMALLINT: 4, INTEGER: 9, BIGINT: 18, HUGEINT: 38 };

/**
 * A pattern whose matches fit `type` without any cast: plain digits within the type's range. Most
 * values in real files are plain, and the exact check (a cast to a 38-digit DECIMAL) costs
 * seconds per million values, so plain values skip it; everything else still gets it.
 */
function plainValuePattern(type: string): string | undefined {
  const integerDigits = PLAIN_INTEGER_DIGITS[type];
  if (integerDigits !== undefined) return `-?[0-9]{1,${integerDigits}}`;
  const decimal = DECIMAL.exec(type);
  if (!decimal) return undefined;
  const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
  if (precision - scale < 1) return undefined;
  const integer = `[0-9]{1,${precision - scale}}`;
  return scale === 0 ? `-?${integer}` : `-?${integer}(\\.[0-9]{1,${scale}})?`;
}

/** True when the text `value` is a `type` value that the cast keeps intact; NULL when it is no `type` value at all. */
export function valueFitsSql(value: string, type: string): string {
  const cast = `TRY_CAST(${value} AS ${sqlLogicalType(type)})`;
  const reference = exactReference(type);
  const exact = reference === undefined ? `${cast} IS NOT NULL` : `${cast} = TRY_CAST(${value} AS ${reference})`;
  const plain = plainValuePattern(type);
  return plain === undefined ? exact : `CASE WHEN regexp_full_match(${value}, '${plain}') THEN true ELSE ${exact} END`;
}

/** True when `value` holds something that does not fit `type`: it must not land in a column of that type. */
export function misfitSql(value: string, type: string): string {
  return `(${value} IS NOT NULL AND NOT coalesce(${valueFitsSql(value, type)}, false))`;
}
