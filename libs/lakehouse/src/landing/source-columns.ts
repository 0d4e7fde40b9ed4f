import type { PipelineOptions, TabularFormat } from '@ade/contracts';
import { LakehouseError } from '../errors';
import { BRONZE_METADATA_COLUMNS } from './bronze-columns';

/** Both engines match column names case-insensitively, and so do these checks. */
const fold = (name: string) => name.toLowerCase();

export function reservedColumns(sourceColumns: readonly string[]): string[] {
  const reserved = new Set<string>(BRONZE_METADATA_COLUMNS);
  return sourceColumns.filter((name) => reserved.has(fold(name)));
}

/** Source columns the existing table lacks: INSERT BY NAME would fail on them. */
export function unknownColumns(sourceColumns: readonly string[], tableColumns: readonly string[]): string[] {
  const known = new Set(tableColumns.map(fold));
  return sourceColumns.filter((name) => !known.has(fold(name)));
}

/**
 * When no delimiter is configured and rows disagree on their field count, DuckDB's sniffer
 * settles for "one column holding whole lines" instead of failing. A lone column whose header
 * still contains a usual delimiter is that case, and would land garbage in bronze.
 */
export function looksUndelimited(sourceColumns: readonly string[], format: TabularFormat, options: PipelineOptions): boolean {
  return format === 'csv' && options.delimiter === undefined && sourceColumns.length === 1 && /[,;|\t]/.test(sourceColumns[0]!);
}

/** Column names (headers, not row values) for an error message, bounded in count and length. */
export function listColumnNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((name) => {
    const printable = name.replace(/[\p{Cc}]/gu, '?');
    return `'${printable.length > 64 ? `${printable.slice(0, 61)}...` : printable}'`;
  });
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}

/** The checks every read of a source applies before using its columns, for inference and ingest alike. */
export function assertSourceColumns(columns: readonly string[], source: { displayPath: string; format: TabularFormat; options: PipelineOptions }): void {
  const file = `'${source.displayPath}'`;
  if (looksUndelimited(columns, source.format, source.options)) {
    throw new LakehouseError(
      'source_unreadable',
      `source file ${file} has no consistent delimiter (rows differ in field count); fix the file or set the pipeline's delimiter option`,
    );
  }
  const reserved = reservedColumns(columns);
  if (reserved.length > 0) {
    throw new LakehouseError('schema_mismatch', `source file ${file} has columns reserved for ingest metadata: ${listColumnNames(reserved)}`);
  }
}
