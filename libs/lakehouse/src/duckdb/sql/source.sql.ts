import type { PipelineOptions, TabularFormat } from '@ade/contracts';
import { sqlString } from './literals';

/**
 * A SELECT over one landed file that yields every column as VARCHAR, so bronze keeps the raw
 * strings (as Auto Loader does for CSV and JSON). `filename` and `hive_partitioning` are off so
 * the reader never adds columns of its own.
 */
export function readSourceSql(path: string, format: TabularFormat, options: PipelineOptions): string {
  const file = sqlString(path);
  switch (format) {
    case 'csv':
      return `SELECT * FROM read_csv(${[file, ...csvReaderOptions(options, true), 'filename = false', 'hive_partitioning = false'].join(', ')})`;
    case 'ndjson':
      // maximum_depth = 1 keeps each value as JSON text: no guessed TIMESTAMP/DOUBLE that would
      // reformat dates or round big numbers; ->> '$' then unwraps strings to their raw value.
      return `SELECT COLUMNS(*) ->> '$' FROM read_json(${file}, format = 'newline_delimited', maximum_depth = 1, filename = false, hive_partitioning = false)`;
    case 'parquet':
      return `SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${file}, filename = false, hive_partitioning = false, file_row_number = false)`;
  }
}

/**
 * The same file read with the engine's own types, to infer a schema from: the CSV sniffer guesses
 * types from a sample, NDJSON's reader from the values, Parquet has them in its metadata. Only
 * DESCRIBEd and sampled, never landed. maximum_depth = 2 types the top level and stops there:
 * nested values stay JSON text in bronze anyway.
 */
export function inferSourceSql(path: string, format: TabularFormat, options: PipelineOptions): string {
  const file = sqlString(path);
  switch (format) {
    case 'csv':
      return `SELECT * FROM read_csv(${[file, ...csvReaderOptions(options, false), 'filename = false', 'hive_partitioning = false'].join(', ')})`;
    case 'ndjson':
      return `SELECT * FROM read_json(${file}, format = 'newline_delimited', maximum_depth = 2, filename = false, hive_partitioning = false)`;
    case 'parquet':
      return `SELECT * FROM read_parquet(${file}, filename = false, hive_partitioning = false, file_row_number = false)`;
  }
}

/**
 * Only the dialect is sniffed (and, when inferring, the types). Left to itself the sniffer may also skip leading lines (and take a
 * data row, PHI, as the header) or pick '#' as a comment marker (cutting "Apt #5" to "Apt "), so
 * `skip` and `comment` are pinned.
 */
function csvReaderOptions(options: PipelineOptions, allVarchar: boolean): string[] {
  return [
    `header = ${options.header ?? true}`,
    ...(options.delimiter === undefined ? [] : [`delim = ${sqlString(options.delimiter)}`]),
    ...(options.quote === undefined ? [] : [`quote = ${sqlString(options.quote)}`]),
    'skip = 0',
    "comment = ''",
    ...(allVarchar ? ['all_varchar = true'] : []),
    'strict_mode = true',
  ];
}

export function describeSourceSql(sourceSql: string): string {
  return `DESCRIBE ${sourceSql}`;
}
