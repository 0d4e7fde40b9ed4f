import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SchemaColumn } from '@ade/contracts';
import type { SchemaInferenceRequest } from '../lakehouse.port';
import { sourceReadFailure } from './ingest-failure';
import { confirmedType } from '../landing/confirmed-type';
import { logicalType } from './logical-type';
import { assertSourceColumns } from '../landing/source-columns';
import { assertReadableSource } from '../landing/source-file-check';
import { describeSourceSql, inferSourceSql, namesAmongValuesSql, readSourceSql, sampleColumnsSql } from './sql';
import { selectRows } from './transaction';

/**
 * A file's columns, named as the ingest's raw reader names them, with the types the engine infers
 * and the sample confirms. Reads only; nothing is written, so no transaction.
 */
export async function inferSourceSchema(connection: DuckDBConnection, request: SchemaInferenceRequest): Promise<SchemaColumn[]> {
  const source = { ...request, displayPath: request.displayPath ?? basename(request.path) };
  await assertReadableSource(source);
  const rawSql = readSourceSql(source.path, source.format, source.options);
  try {
    const headers = (await selectRows(connection, describeSourceSql(rawSql))).map((row) => String(row['column_name']));
    assertSourceColumns(headers, source);
    const typed = new Map(
      (await selectRows(connection, describeSourceSql(inferSourceSql(source.path, source.format, source.options)))).map(
        (row) => [String(row['column_name']), logicalType(String(row['column_type']))] as const,
      ),
    );
    // Both readers name columns alike; should they ever not, VARCHAR claims nothing.
    const inferred = headers.map((name) => ({ name, type: typed.get(name) ?? 'VARCHAR' }));
    if (inferred.length === 0) return [];
    const [sample] = await selectRows(connection, sampleColumnsSql(rawSql, inferred));
    return inferred.map((column, i) => ({
      name: column.name,
      type: confirmedType(column.type, { values: Number(sample?.[`n${i}`] ?? 0), misfits: Number(sample?.[`m${i}`] ?? 0) }),
    }));
  } catch (error) {
    throw sourceReadFailure(error, source);
  }
}

/**
 * Per column of the file, whether its name is also one of its first values (see
 * namesAmongValuesSql): a headerless file's first record of names, whose names recur below it.
 */
export async function namesAmongValues(connection: DuckDBConnection, request: SchemaInferenceRequest, columns: readonly string[]): Promise<boolean[]> {
  if (columns.length === 0) return [];
  const source = { ...request, displayPath: request.displayPath ?? basename(request.path) };
  try {
    const [row] = await selectRows(connection, namesAmongValuesSql(readSourceSql(source.path, source.format, source.options), columns));
    return columns.map((_, i) => Number(row?.[`s${i}`] ?? 0) > 0);
  } catch (error) {
    throw sourceReadFailure(error, source);
  }
}
