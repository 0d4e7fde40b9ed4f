import type { PipelineOptions, TabularFormat } from '@ade/contracts';
import { quoteColumnName, sqlString } from './literals';

/**
 * `read_files` over one staged file. `schemaEvolutionMode => 'none'` keeps the reader from adding
 * a `_rescued_data` column of its own (bronze has its own, filled by the column plan), and
 * FAILFAST makes a malformed record fail the read instead of landing as NULLs. With
 * `inferColumnTypes => false` every CSV column reads as STRING: bronze keeps the raw text.
 */
export function readFilesSql(volumePath: string, format: TabularFormat, options: PipelineOptions, inferTypes: boolean): string {
  return `SELECT * FROM read_files(${[sqlString(volumePath), ...readerOptions(format, options, inferTypes)].join(', ')})`;
}

function readerOptions(format: TabularFormat, options: PipelineOptions, inferTypes: boolean): string[] {
  const common = [`schemaEvolutionMode => 'none'`, `mode => 'FAILFAST'`];
  switch (format) {
    case 'csv':
      return [
        `format => 'csv'`,
        `header => ${options.header ?? true}`,
        ...(options.delimiter === undefined ? [] : [`sep => ${sqlString(options.delimiter)}`]),
        ...(options.quote === undefined ? [] : [`quote => ${sqlString(options.quote)}`, `escape => ${sqlString(options.quote)}`]),
        `multiLine => true`,
        `inferColumnTypes => ${inferTypes}`,
        ...common,
      ];
    case 'ndjson':
      // primitivesAsString keeps numbers and dates as the text they arrived as, like the embedded reader.
      return [`format => 'json'`, ...(inferTypes ? [] : [`primitivesAsString => true`]), `inferColumnTypes => ${inferTypes}`, ...common];
    case 'parquet':
      return [`format => 'parquet'`, ...common];
  }
}

export function describeQuerySql(select: string): string {
  return `DESCRIBE ${select}`;
}

/** Spark type names of nested values: they land as JSON text, as the embedded engine lands them. */
const NESTED = /^(struct|array|map)</i;

/**
 * The raw select bronze lands from: every described column as text (JSON for nested values),
 * named as the file names it. Listing the columns, rather than `*`, pins exactly what lands.
 */
export function rawSourceSql(readFiles: string, columns: ReadonlyArray<{ name: string; type: string }>): string {
  const projection = columns.map(({ name, type }) => {
    const value = `src.${quoteColumnName(name)}`;
    const text = NESTED.test(type) ? `to_json(${value})` : /^string$/i.test(type) ? value : `CAST(${value} AS STRING)`;
    return `${text} AS ${quoteColumnName(name)}`;
  });
  return `SELECT ${projection.join(', ')} FROM (${readFiles}) AS src`;
}
