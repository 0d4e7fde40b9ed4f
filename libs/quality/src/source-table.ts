import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TabularFormat } from '@ade/contracts';
import type { DerivedColumn, LineMapping } from '@ade/healthcare';
import { duckdbSql } from '@ade/lakehouse';
import { parsedDateColumn, parsedDateSql } from './parsed-dates';
import { asRuleInputSql } from './rule-inputs';
import { lineFieldSql, lineIsReadSql, perLineSql } from './side-by-side-lines';
import { quoteIdentifier } from './sql/identifiers';
import { unreadableSource, UnusableInputError } from './unusable-input';

/**
 * The prepared source: one row per data row, in file order, so rowid + 1 is the data row number;
 * for lines written side by side, one row per line, with the data row it came from in FILE_ROW_COLUMN.
 */
export const SOURCE_TABLE = 'src';
export const FILE_ROW_COLUMN = '__file_row';

const FORMAT_BY_EXTENSION: Record<string, TabularFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
  '.parquet': 'parquet',
};

const DELIMITERS = [',', ';', '|', '\t'];

export interface SourceRequest {
  path: string;
  format?: TabularFormat;
  delimiter?: string;
}

export interface SourceDescription {
  /** As the caller named it, for messages. */
  path: string;
  format: TabularFormat;
  columns: string[];
  /** A SELECT over the file, every column as text, with the ingestion path's reader settings. */
  readSql: string;
  /** For lines read from side by side: the column holding each line's data row number. */
  fileRow?: string;
}

export function formatOf(path: string, explicit: TabularFormat | undefined): TabularFormat {
  if (explicit) return explicit;
  const format = FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) throw new UnusableInputError(`cannot tell the format of ${path} from its extension; pass --format csv, ndjson or parquet`);
  return format;
}

/** Checks the file and learns its columns from the reader's sniffing, without reading it all. */
export async function describeSource(connection: DuckDBConnection, request: SourceRequest): Promise<SourceDescription> {
  const path = resolve(request.path);
  await assertReadableFile(path, request.path);
  if (/[*?[]/.test(path)) throw new UnusableInputError(`file names containing * ? or [ are not supported: ${request.path}`);
  const format = formatOf(path, request.format);
  const readSql = duckdbSql.readSourceSql(path, format, request.delimiter ? { delimiter: request.delimiter } : {});
  let columns: string[];
  try {
    columns = (await connection.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${readSql})`)).getRowObjectsJson().map((row) => String(row['column_name']));
  } catch (error) {
    throw unreadableSource(error, request.path, format);
  }
  assertDelimited(columns, request.path, format);
  return { path: request.path, format, columns, readSql };
}

/**
 * The source with the layout's derived columns added after the file's own, each computed from the
 * raw text once, as it is read.
 */
export function withDerivedColumns(source: SourceDescription, derived: readonly DerivedColumn[]): SourceDescription {
  if (derived.length === 0) return source;
  const added = derived.map((column) => `${column.sql((header) => `raw.${quoteIdentifier(header)}`)} AS ${quoteIdentifier(column.name)}`);
  return {
    ...source,
    columns: [...source.columns, ...derived.map((column) => column.name)],
    readSql: `SELECT *, ${added.join(', ')} FROM (${source.readSql}) AS raw`,
  };
}

/**
 * The source read one line per row when its lines are side by side: each data row becomes a row
 * per line number with any of its line fields filled (the first line always, so no row is lost),
 * carrying the row's own columns, the line's fields under their numbered names (`HCPCS_CD_{n}`),
 * the line number and the data row number, in file order.
 */
export function withLines(source: SourceDescription, lines: LineMapping | null): SourceDescription {
  if (!lines) return source;
  const line = '__line';
  const value = (header: string) => quoteIdentifier(header);
  const fields = lines.columns.map((column) => `${lineFieldSql(column, line, value)} AS ${quoteIdentifier(column.name)}`);
  const fileRow = quoteIdentifier(FILE_ROW_COLUMN);
  const unfolded = perLineSql(`SELECT *, row_number() OVER () AS ${fileRow} FROM (${source.readSql}) AS raw`, lines, line);
  return {
    ...source,
    columns: [...source.columns, lines.number, ...lines.columns.map((column) => column.name)],
    readSql:
      `SELECT * EXCLUDE (${line}), CAST(${line} AS VARCHAR) AS ${quoteIdentifier(lines.number)}${fields.map((field) => `, ${field}`).join('')} ` +
      `FROM (${unfolded}) WHERE ${lineIsReadSql(lines, line, value)} ORDER BY ${fileRow}, ${line}`,
    fileRow: FILE_ROW_COLUMN,
  };
}

/**
 * Reads the whole file in one pass into the table the checks run over, keeping only the columns
 * they read: each cleaned once (blank → NULL), date columns also parsed once.
 */
export async function prepareSourceTable(
  connection: DuckDBConnection,
  source: SourceDescription,
  columnsRead: readonly string[],
  dateColumns: readonly string[],
): Promise<void> {
  try {
    await connection.run(prepareSourceSql(source.readSql, columnsRead, dateColumns, source.fileRow ? [source.fileRow] : []));
  } catch (error) {
    throw unreadableSource(error, source.path, source.format);
  }
}

export function prepareSourceSql(readSql: string, columnsRead: readonly string[], dateColumns: readonly string[], kept: readonly string[] = []): string {
  const cleaned = columnsRead.map((column) => `${asRuleInputSql(quoteIdentifier(column))} AS ${quoteIdentifier(column)}`);
  // A blank value matches no date shape, so dates are parsed from the raw value directly.
  const dates = dateColumns.map((column) => `${parsedDateSql(quoteIdentifier(column))} AS ${quoteIdentifier(parsedDateColumn(column))}`);
  const projection = [...kept.map(quoteIdentifier), ...cleaned, ...dates];
  // A table needs a column even when no check reads any; the row count still matters.
  if (projection.length === 0) projection.push('TRUE AS __present');
  return `CREATE TEMP TABLE ${SOURCE_TABLE} AS SELECT ${projection.join(', ')} FROM (${readSql}) AS raw`;
}

async function assertReadableFile(path: string, shown: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new UnusableInputError(`file not found: ${shown}`);
  if (!info.isFile()) throw new UnusableInputError(`${shown} is not a file`);
  if (info.size === 0) throw new UnusableInputError(`${shown} is empty`);
}

/** One column whose name holds another delimiter: the file was split on the wrong character. */
function assertDelimited(columns: string[], shown: string, format: TabularFormat): void {
  if (format !== 'csv' || columns.length !== 1) return;
  const other = DELIMITERS.find((d) => columns[0]!.includes(d));
  if (other) {
    const printable = other === '\t' ? '\\t' : other;
    throw new UnusableInputError(`${shown} was read as a single column but its header contains '${printable}'; pass --delimiter '${printable}'`);
  }
}

export function sourceColumnSql(column: string, quote: (identifier: string) => string = quoteIdentifier): string {
  return `${SOURCE_TABLE}.${quote(column)}`;
}
