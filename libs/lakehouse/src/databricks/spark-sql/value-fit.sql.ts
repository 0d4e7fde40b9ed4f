import { assertLogicalTypeName } from '../../landing/bronze-columns';
import { sqlString } from './literals';

/**
 * Whether a text value fits a registered logical type, on Databricks. A Spark cast is more
 * forgiving than the embedded engine's in places (it truncates '2024-02-28 10:00' to a DATE, and
 * outside ANSI mode '12.5' to an INT), so a value fits when it has the type's shape and, where
 * the shape alone does not bound it, the cast succeeds too. Shapes are full matches (`\z`: Java's
 * `$` would also match before a trailing line break).
 */
interface Fit {
  shape?: string;
  /** The Spark type a value must also cast to. */
  cast?: string;
}

const DIGITS = (max: number) => `[+-]?[0-9]{1,${max}}`;
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const CLOCK = '[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?';
const ZONE = '(Z|[+-][0-9]{2}(:?[0-9]{2})?)';

const FITS: Readonly<Record<string, Fit>> = {
  BOOLEAN: { cast: 'BOOLEAN' },
  TINYINT: { shape: DIGITS(3), cast: 'TINYINT' },
  SMALLINT: { shape: DIGITS(5), cast: 'SMALLINT' },
  INTEGER: { shape: DIGITS(10), cast: 'INT' },
  BIGINT: { shape: DIGITS(19), cast: 'BIGINT' },
  HUGEINT: { shape: DIGITS(38), cast: 'DECIMAL(38,0)' },
  DOUBLE: { cast: 'DOUBLE' },
  DATE: { shape: DATE, cast: 'DATE' },
  TIMESTAMP: { shape: `${DATE}([ T]${CLOCK})?`, cast: 'TIMESTAMP_NTZ' },
  'TIMESTAMP WITH TIME ZONE': { shape: `${DATE}([ T]${CLOCK}${ZONE}?)?`, cast: 'TIMESTAMP' },
  TIME: { shape: CLOCK },
  'TIME WITH TIME ZONE': { shape: `${CLOCK}${ZONE}?` },
  UUID: { shape: '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}' },
};

const DECIMAL = /^DECIMAL\((\d+),(\d+)\)$/;

function fitOf(type: string): Fit | null {
  const decimal = DECIMAL.exec(assertLogicalTypeName(type));
  if (decimal) {
    const [precision, scale] = [Number(decimal[1]), Number(decimal[2])];
    const integer = precision - scale > 0 ? `[0-9]{1,${precision - scale}}` : '0?';
    // Exact: no more fraction digits than the scale, so the cast never rounds.
    return { shape: scale === 0 ? `[+-]?${integer}` : `[+-]?${integer}([.][0-9]{1,${scale}})?` };
  }
  // VARCHAR, BLOB, INTERVAL...: bronze holds text, and text always fits.
  return FITS[type] ?? null;
}

/** TRUE when `value` (non-NULL text) can land in a column of `type` unchanged. */
export function valueFitsSql(value: string, type: string): string {
  const fit = fitOf(type);
  if (fit === null) return 'true';
  const checks = [
    ...(fit.shape === undefined ? [] : [`${value} RLIKE ${sqlString(`^${fit.shape}\\z`)}`]),
    ...(fit.cast === undefined ? [] : [`try_cast(${value} AS ${fit.cast}) IS NOT NULL`]),
  ];
  return checks.join(' AND ');
}

/** TRUE when `value` holds something that does not fit `type`: it must not land in a column of that type. */
export function misfitSql(value: string, type: string): string {
  return `(${value} IS NOT NULL AND NOT coalesce(${valueFitsSql(value, type)}, false))`;
}

/** The logical type a Spark type name (as DESCRIBE QUERY gives it) is registered as. */
export function logicalTypeOfSpark(sparkType: string): string {
  const type = sparkType.trim().toLowerCase();
  const decimal = /^decimal\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return Number(decimal[1]) <= 38 ? `DECIMAL(${decimal[1]},${decimal[2]})` : 'VARCHAR';
  return SPARK_TYPES[type] ?? 'VARCHAR';
}

const SPARK_TYPES: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  bigint: 'BIGINT',
  float: 'DOUBLE',
  double: 'DOUBLE',
  date: 'DATE',
  timestamp: 'TIMESTAMP WITH TIME ZONE',
  timestamp_ntz: 'TIMESTAMP',
};
