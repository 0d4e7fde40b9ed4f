import { basename } from 'node:path';
import type { SchemaColumn } from '@ade/contracts';
import { confirmedType } from '../landing/confirmed-type';
import { LakehouseError } from '../errors';
import type { SchemaInferenceRequest } from '../lakehouse.port';
import { assertSourceColumns } from '../landing/source-columns';
import { assertReadableSource } from '../landing/source-file-check';
import { catalogFailure } from './driver-error';
import { describeQuerySql, logicalTypeOfSpark, namesAmongValuesSql, rawSourceSql, readFilesSql, sampleColumnsSql } from './spark-sql';
import { withStagedFile } from './staged-file';
import type { StatementRunner } from './statement-runner';

/** As on the embedded engine: the sample the type guess is checked against, and the rows a header is compared with. */
export const INFERENCE_SAMPLE_ROWS = 20_480;
export const NAME_SAMPLE_ROWS = 1000;

export interface DescribedSource {
  /** The file's columns as the raw (all-text) read names them, with the types that read gives. */
  columns: Array<{ name: string; type: string }>;
  /** A SELECT of every column as text, named as the file names it. */
  rawSql: string;
}

/** Describes a staged file without reading its rows, and applies the checks every read of a source gets. */
export async function describeSource(runner: StatementRunner, volumePath: string, source: SchemaInferenceRequest & { displayPath: string }): Promise<DescribedSource> {
  const readFiles = readFilesSql(volumePath, source.format, source.options, false);
  const described = await runner.rows(describeQuerySql(readFiles));
  const columns = described.map((row) => ({ name: String(row['col_name']), type: String(row['data_type']) }));
  assertSourceColumns(
    columns.map((column) => column.name),
    source,
  );
  return { columns, rawSql: rawSourceSql(readFiles, columns) };
}

export function inferSourceSchema(runner: StatementRunner, catalogName: string, request: SchemaInferenceRequest): Promise<SchemaColumn[]> {
  return readStagedSource(runner, catalogName, request, async (raw, volumePath, source) => {
    const typed = new Map(
      (await runner.rows(describeQuerySql(readFilesSql(volumePath, source.format, source.options, true)))).map(
        (row) => [String(row['col_name']), logicalTypeOfSpark(String(row['data_type']))] as const,
      ),
    );
    const inferred = raw.columns.map(({ name }) => ({ name, type: typed.get(name) ?? 'VARCHAR' }));
    if (inferred.length === 0) return [];
    const sample = await runner.first(sampleColumnsSql(raw.rawSql, inferred, INFERENCE_SAMPLE_ROWS));
    return inferred.map((column, i) => ({
      name: column.name,
      type: confirmedType(column.type, { values: Number(sample?.[`n${i}`] ?? 0), misfits: Number(sample?.[`m${i}`] ?? 0) }),
    }));
  });
}

export async function namesAmongValues(runner: StatementRunner, catalogName: string, request: SchemaInferenceRequest, columns: readonly string[]): Promise<boolean[]> {
  if (columns.length === 0) return [];
  return readStagedSource(runner, catalogName, request, async (raw) => {
    const row = await runner.first(namesAmongValuesSql(raw.rawSql, columns, NAME_SAMPLE_ROWS));
    return columns.map((_, i) => Number(row?.[`s${i}`] ?? 0) > 0);
  });
}

/** Checks, stages and describes a source for a read-only look at it; any failure is the file's, named without its content. */
async function readStagedSource<T>(
  runner: StatementRunner,
  catalogName: string,
  request: SchemaInferenceRequest,
  read: (raw: DescribedSource, volumePath: string, source: SchemaInferenceRequest & { displayPath: string }) => Promise<T>,
): Promise<T> {
  const source = { ...request, displayPath: request.displayPath ?? basename(request.path) };
  await assertReadableSource(source);
  try {
    return await withStagedFile(runner, catalogName, source.path, async (volumePath) => read(await describeSource(runner, volumePath, source), volumePath, source));
  } catch (error) {
    throw readFailure(error, source);
  }
}

function readFailure(error: unknown, source: { displayPath: string; format: string }): Error {
  const failure = catalogFailure(error, `reading source file '${source.displayPath}'`, source);
  // Anything unforeseen while only reading is still the file's problem, told without its content.
  return failure instanceof LakehouseError ? failure : new LakehouseError('source_unreadable', failure.message);
}
