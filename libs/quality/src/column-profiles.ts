import { sparkStringLiteral } from '@ade/contracts';
import { databricksExpressions, duckdbExpressions, PROBE_IDS, VALUE_PROBES, type ColumnProfile, type ExpressionDialect, type ReferenceTable } from '@ade/healthcare';
import { databricksSql, type SqlDialect } from '@ade/lakehouse';
import { quoteIdentifier } from './sql/identifiers';
import { describeSource, type SourceDescription, type SourceRequest } from './source-table';
import { ValidationEngine, type ValidationEngineOptions } from './validation-engine';

/** Rows profiled from the top of a file: enough to tell NPIs from amounts, cheap at any file size. */
export const PROFILE_SAMPLE_ROWS = 5000;

/** How an engine samples a relation's rows into (source_column, raw) text pairs, and names the probes. */
export interface ProfileDialect {
  expressions: ExpressionDialect;
  quote(identifier: string): string;
  /** `(source_column, raw)` for every column of the first `sampleRows` rows of `readSql`, `raw` as text. */
  pairsSql(readSql: string, sampleRows: number): string;
}

/** DuckDB unpivots every column of the relation, whatever it names them. */
export const duckdbProfile: ProfileDialect = {
  expressions: duckdbExpressions,
  quote: quoteIdentifier,
  pairsSql: (readSql, sampleRows) =>
    `SELECT source_column, raw FROM (UNPIVOT (SELECT COLUMNS(*)::VARCHAR FROM (${readSql}) LIMIT ${Math.trunc(sampleRows)}) ON COLUMNS(*) INTO NAME source_column VALUE raw)`,
};

/** Spark SQL: `stack` unpivots the relation's columns (named, and text already in bronze). */
export function sparkProfile(columns: readonly string[]): ProfileDialect {
  const quote = databricksSql.quoteColumnName;
  return {
    expressions: databricksExpressions,
    quote,
    pairsSql: (readSql, sampleRows) => {
      const stacked = columns.map((column) => `${sparkStringLiteral(column)}, CAST(${quote(column)} AS STRING)`);
      return `SELECT stack(${columns.length}, ${stacked.join(', ')}) AS (source_column, raw) FROM (SELECT * FROM (${readSql}) AS source LIMIT ${Math.trunc(sampleRows)}) AS sample`;
    },
  };
}

/** The profile dialect of a session's engine, over a relation with these columns. */
export function profileDialectFor(engine: SqlDialect, columns: readonly string[]): ProfileDialect {
  return engine === 'duckdb' ? duckdbProfile : sparkProfile(columns);
}

/**
 * Profiles every column of a file in one pass over its first rows, in the engine: the rows are
 * unpivoted to (column, value) pairs and each value is put to every probe (NPI check digit,
 * ICD-10-CM membership, dates, amounts, ...). Only counts come back, never a value.
 */
export async function profileColumns(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  source: Pick<SourceDescription, 'readSql'>,
  ref: (table: ReferenceTable) => string,
  options: { dialect?: ProfileDialect; sampleRows?: number } = {},
): Promise<Map<string, ColumnProfile>> {
  const dialect = options.dialect ?? duckdbProfile;
  // Probes are computed per value first, then counted: the reference probes are IN subqueries,
  // which both engines take in a select list.
  const probed = PROBE_IDS.map((id) => `${VALUE_PROBES[id].sql('v', ref, dialect.expressions)} AS ${dialect.quote(id)}`);
  const counts = PROBE_IDS.map((id) => `count_if(${dialect.quote(id)}) AS ${dialect.quote(id)}`);
  const sql =
    `SELECT source_column, count(*) AS non_blank, ${counts.join(', ')} FROM (` +
    `SELECT source_column, ${probed.join(', ')} FROM (SELECT source_column, trim(raw) AS v FROM (${dialect.pairsSql(source.readSql, options.sampleRows ?? PROFILE_SAMPLE_ROWS)}) AS pairs) AS text_values WHERE v <> ''` +
    ') AS probed GROUP BY source_column';
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
