import type { SchemaColumn } from '@ade/contracts';
import { quoteColumnName, sqlInteger, sqlString } from './literals';
import { misfitSql } from './value-fit.sql';

/** DuckDB's sniffers look at this many rows by default; the check looks at the same amount. */
export const INFERENCE_SAMPLE_ROWS = 20_480;

/**
 * Over the first rows of the raw (all-text) source: per column, how many values it has (`n<i>`)
 * and how many do not fit the inferred type (`m<i>`), by the same test the ingest applies. The
 * sniffer may pick a type the ingest's cast cannot read (a DATE in `%d/%m/%Y`), and this is how
 * such a guess is caught. Aliases are positional so no header is ever an alias.
 */
export function sampleColumnsSql(rawSourceSql: string, columns: readonly SchemaColumn[], sampleRows = INFERENCE_SAMPLE_ROWS): string {
  const measures = columns.flatMap((column, i) => {
    const value = `src.${quoteColumnName(column.name)}`;
    const misfits = column.type === 'VARCHAR' ? '0' : `count(*) FILTER (WHERE ${misfitSql(value, column.type)})`;
    return [`count(${value}) AS n${i}`, `${misfits} AS m${i}`];
  });
  return `SELECT ${measures.join(', ')}
FROM (SELECT * FROM (${rawSourceSql}) LIMIT ${sqlInteger(sampleRows)}) AS src`;
}

/** Rows a header is compared with: its neighbours, not the whole file. */
export const NAME_SAMPLE_ROWS = 1000;

/**
 * Over the first rows of the raw source: per column, how many of its values are its own name
 * (`s<i>`, ignoring case and surrounding blanks). Only the counts leave the engine, never a value.
 */
export function namesAmongValuesSql(rawSourceSql: string, columns: readonly string[]): string {
  const measures = columns.map((name, i) => {
    const value = `src.${quoteColumnName(name)}`;
    return `count(*) FILTER (WHERE lower(trim(${value})) = lower(trim(${sqlString(name)}))) AS s${i}`;
  });
  return `SELECT ${measures.join(', ')}
FROM (SELECT * FROM (${rawSourceSql}) LIMIT ${sqlInteger(NAME_SAMPLE_ROWS)}) AS src`;
}
