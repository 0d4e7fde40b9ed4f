import { PROBE_IDS, VALUE_PROBES, type ColumnProfile, type ReferenceTable } from '@ade/healthcare';
import { describeSource, type SourceDescription, type SourceRequest } from './source-table';
import { ValidationEngine, type ValidationEngineOptions } from './validation-engine';

/** Rows profiled from the top of a file: enough to tell NPIs from amounts, cheap at any file size. */
export const PROFILE_SAMPLE_ROWS = 5000;

/**
 * Profiles every column of a file in one pass over its first rows, in the engine: the file is
 * unpivoted to (column, value) pairs and each value is put to every probe (NPI check digit,
 * ICD-10-CM membership, dates, amounts, ...). Only counts come back, never a value.
 */
export async function profileColumns(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  source: Pick<SourceDescription, 'readSql'>,
  ref: (table: ReferenceTable) => string,
  sampleRows = PROFILE_SAMPLE_ROWS,
): Promise<Map<string, ColumnProfile>> {
  const probes = PROBE_IDS.map((id) => `count(*) FILTER (WHERE ${VALUE_PROBES[id].sql('v', ref)}) AS "${id}"`);
  const sql =
    `WITH sample AS (SELECT COLUMNS(*)::VARCHAR FROM (${source.readSql}) LIMIT ${Math.trunc(sampleRows)}), ` +
    'pairs AS (UNPIVOT sample ON COLUMNS(*) INTO NAME source_column VALUE raw) ' +
    `SELECT source_column, count(*) AS non_blank, ${probes.join(', ')} ` +
    "FROM (SELECT source_column, trim(raw) AS v FROM pairs) WHERE v <> '' GROUP BY source_column";
  const rows = await query(sql);
  return new Map(
    rows.map((row) => [
      String(row['source_column']),
      { nonBlank: Number(row['non_blank']), passing: Object.fromEntries(PROBE_IDS.map((id) => [id, Number(row[id])])) },
    ]),
  );
}

/** A file's headers and column profiles, read in a private engine (for proposing a mapping outside a validation). */
export async function profileFile(request: SourceRequest, engineOptions?: ValidationEngineOptions): Promise<{ headers: string[]; profiles: Map<string, ColumnProfile> }> {
  const engine = await ValidationEngine.open(engineOptions);
  try {
    const source = await describeSource(engine.connection, request);
    return { headers: source.columns, profiles: await profileColumns((sql) => engine.rows(sql), source, engine.ref) };
  } finally {
    await engine.close();
  }
}
