/**
 * The few value-level computations of Spark the fake Unity Catalog performs for the adapter's
 * typed landing: CSV type inference over a file's values, and the fit checks (`RLIKE` on a shape,
 * `try_cast`) the adapter renders in value-fit.sql.ts, each parsed by its exact shape. Anything
 * else is NotUnderstood, so a test never passes on a guess.
 */
import { SPARK_STRING_LITERAL, unescapeSparkString } from '@ade/testing/spark-sql';

export class NotUnderstood extends Error {}

/** One column of a source record by its header, as read_files gives it (empty as NULL). */
export type ValueOf = (header: string) => string | null;

const IDENT = /`((?:[^`]|``)+)`/.source;
const header = (quoted: string) => quoted.replaceAll('``', '`');

const INT = /^[+-]?\d+$/;
const DECIMAL_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

const fitsInteger = (value: string, bits: number) => INT.test(value) && BigInt(value) >= -(2n ** BigInt(bits - 1)) && BigInt(value) < 2n ** BigInt(bits - 1);
const isCalendarDate = (value: string) => ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * The type Spark's CSV inference (`inferColumnTypes => true`) gives a column with these values:
 * the narrowest of int, bigint, double, boolean, date and timestamp that all non-NULL values fit,
 * else string (also for a column without values).
 */
export function inferredSparkType(values: ReadonlyArray<string | null>): string {
  const present = values.filter((value): value is string => value !== null);
  if (present.length === 0) return 'string';
  const all = (test: (value: string) => boolean) => present.every(test);
  if (all((value) => fitsInteger(value, 32))) return 'int';
  if (all((value) => fitsInteger(value, 64))) return 'bigint';
  if (all((value) => DECIMAL_NUMBER.test(value))) return 'double';
  if (all((value) => /^(true|false)$/i.test(value))) return 'boolean';
  if (all(isCalendarDate)) return 'date';
  if (all((value) => ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value.replace(' ', 'T'))))) return 'timestamp';
  return 'string';
}

/** `try_cast(text AS type) IS NOT NULL`, for the Spark types value-fit.sql.ts casts to. */
function castSucceeds(value: string, type: string): boolean {
  const trimmed = value.trim();
  switch (type) {
    case 'TINYINT':
      return fitsInteger(trimmed, 8);
    case 'SMALLINT':
      return fitsInteger(trimmed, 16);
    case 'INT':
      return fitsInteger(trimmed, 32);
    case 'BIGINT':
      return fitsInteger(trimmed, 64);
    case 'DECIMAL(38,0)':
      return INT.test(trimmed) && trimmed.replace(/^[+-]/, '').length <= 38;
    case 'DOUBLE':
      return DECIMAL_NUMBER.test(trimmed) || /^[+-]?(NaN|Infinity|Inf)$/i.test(trimmed);
    case 'BOOLEAN':
      return /^(t|true|f|false|y|yes|n|no|1|0)$/i.test(trimmed);
    case 'DATE':
      return isCalendarDate(trimmed.slice(0, 10)) && (trimmed.length === 10 || /^[ T]/.test(trimmed.slice(10)));
    case 'TIMESTAMP':
    case 'TIMESTAMP_NTZ':
      return (ISO_DATE.test(trimmed) || ISO_TIMESTAMP.test(trimmed)) && isCalendarDate(trimmed.slice(0, 10));
    default:
      throw new NotUnderstood(`try_cast to ${type}`);
  }
}

const RLIKE = new RegExp(`^src\\.${IDENT} RLIKE (${SPARK_STRING_LITERAL.source})$`);
const TRY_CAST = new RegExp(`^try_cast\\(src\\.${IDENT} AS ([A-Z_]+(?:\\(\\d+,\\d+\\))?)\\) IS NOT NULL$`);

/** value-fit.sql.ts's valueFitsSql: `true`, or checks joined by AND, each on one column. */
function fits(checks: string, valueOf: ValueOf): boolean {
  if (checks === 'true') return true;
  return checks.split(' AND ').every((check) => {
    const rlike = RLIKE.exec(check);
    if (rlike) {
      const value = valueOf(header(rlike[1]!));
      // Java's \z (end of input) is JavaScript's $ without the m flag.
      return value !== null && new RegExp(unescapeSparkString(rlike[2]!).replaceAll('\\z', '$')).test(value);
    }
    const cast = TRY_CAST.exec(check);
    if (cast) {
      const value = valueOf(header(cast[1]!));
      return value !== null && castSucceeds(value, cast[2]!);
    }
    throw new NotUnderstood(`the fit check ${check.slice(0, 80)}`);
  });
}

const MISFIT = new RegExp(`^\\(src\\.${IDENT} IS NOT NULL AND NOT coalesce\\((.*), false\\)\\)$`);

/** value-fit.sql.ts's misfitSql: the value is there and does not fit. */
export function isMisfit(expression: string, valueOf: ValueOf): boolean {
  const misfit = MISFIT.exec(expression);
  if (!misfit) throw new NotUnderstood(`the misfit ${expression.slice(0, 80)}`);
  return valueOf(header(misfit[1]!)) !== null && !fits(misfit[2]!, valueOf);
}

const SOURCE = new RegExp(`^src\\.${IDENT}$`);
const NULL_WHEN_MISFIT = new RegExp(`^CASE WHEN (\\(src\\.${IDENT} IS NOT NULL AND NOT coalesce\\(.*, false\\)\\)) THEN NULL ELSE src\\.${IDENT} END$`);
const VALUE_WHEN_MISFIT = new RegExp(`^CASE WHEN (\\(src\\.${IDENT} IS NOT NULL AND NOT coalesce\\(.*, false\\)\\)) THEN src\\.${IDENT} END$`);
const RESCUED = /^CASE WHEN .* THEN to_json\(named_struct\((.*)\)\) END$/;

/**
 * One expression of the adapter's planned INSERT over a source record, or undefined when it is
 * not a value expression (a literal, which the caller reads): `src.h`, NULL when it does not fit,
 * or the rescued JSON (to_json leaves NULL members out; NULL when only `_file_path` is left).
 */
export function plannedValue(expression: string, valueOf: ValueOf): string | null | undefined {
  const source = SOURCE.exec(expression);
  if (source) return valueOf(header(source[1]!));
  const typed = NULL_WHEN_MISFIT.exec(expression);
  if (typed) return isMisfit(typed[1]!, valueOf) ? null : valueOf(header(typed[3]!));
  const rescued = RESCUED.exec(expression);
  if (rescued) return rescuedJson(rescued[1]!, valueOf);
  return undefined;
}

function rescuedJson(members: string, valueOf: ValueOf): string | null {
  const member = new RegExp(`(${SPARK_STRING_LITERAL.source}), (src\\.${IDENT}|CASE WHEN \\(src\\.${IDENT} IS NOT NULL AND NOT coalesce\\(.*?, false\\)\\) THEN src\\.${IDENT} END|${SPARK_STRING_LITERAL.source})(?:, |$)`, 'y');
  const object: Record<string, string> = {};
  let filePath: string | null = null;
  while (member.lastIndex < members.length) {
    const start = member.lastIndex;
    const match = member.exec(members);
    if (!match) throw new NotUnderstood(`the rescued member at ${members.slice(start, start + 60)}`);
    const key = unescapeSparkString(match[1]!);
    const expression = match[2]!;
    if (key === '_file_path') {
      filePath = unescapeSparkString(expression);
      continue;
    }
    const value = SOURCE.test(expression) ? valueOf(header(SOURCE.exec(expression)![1]!)) : misfitValue(expression, valueOf);
    if (value !== null) object[key] = value;
  }
  if (Object.keys(object).length === 0) return null;
  return JSON.stringify({ ...object, _file_path: filePath });
}

function misfitValue(expression: string, valueOf: ValueOf): string | null {
  const when = VALUE_WHEN_MISFIT.exec(expression);
  if (!when) throw new NotUnderstood(`the rescued value ${expression.slice(0, 80)}`);
  return isMisfit(when[1]!, valueOf) ? valueOf(header(when[3]!)) : null;
}
