import { createHash } from 'node:crypto';
import { rewriteExpectationSql, sparkExpectationSql, sparkStringLiteral, type TableRef } from '@ade/contracts';
import { databricksExpressions, duckdbExpressions, duckdbTempTables, type ExpressionDialect, type WorkTables } from '@ade/healthcare';
import { databricksSql, duckdbSql, type SqlDialect } from '@ade/lakehouse';
import { quoteIdentifier, quoteString } from './identifiers';

/**
 * What the quality stage's own SQL (staging, judging, samples) spells differently per engine, on
 * top of the rules' expression dialect. The stage is written once against it; `duckdbStage`
 * renders exactly what the embedded catalog has always run, and `databricksStage` the same work
 * in Databricks SQL over work tables of the catalog's `_system` schema.
 */
export interface StageDialect {
  readonly expressions: ExpressionDialect;
  readonly work: WorkTables;
  /** A column name from a file header or the canonical schema. */
  quote(identifier: string): string;
  /**
   * The staged rows' identity: a column every work table built from them can name. DuckDB's
   * implicit `rowid`; on Databricks a column the staging numbers (`stagedRowSql`).
   */
  readonly rowId: string;
  /** The staged rows in the order their files wrote them: the first of a repeated key is the one kept. */
  readonly rowOrder: string;
  /** The expression that numbers the staged rows when the engine has no row id of its own. */
  readonly stagedRowSql: string | null;
  /** A bronze row's stable identity, read in a SELECT over the bronze table. */
  readonly bronzeRowId: string;
  /** The value with leading and trailing characters of `chars` (a text expression) removed. */
  trimChars(operand: string, chars: string): string;
  /** The date as YYYY-MM-DD text. */
  isoDateText(date: string): string;
  /** A structured value of named members; members that are NULL are left out of its JSON text. */
  object(members: ReadonlyArray<readonly [name: string, value: string]>): string;
  /** The JSON text of an `object`, NULL members left out. */
  jsonText(object: string): string;
  /** Every match of `pattern` (not portable-checked: the stage's own masks) replaced by `replacement`. */
  replaceEvery(operand: string, pattern: string, replacement: string): string;
  /** An aggregate: the first `count` distinct values of `value` in sort order, as a list. */
  firstDistinct(value: string, count: number): string;
  /** Every row of `rowsSql` once per number `from`..`to`, the number in `column`. */
  everyNumber(rowsSql: string, from: number, to: number, column: string): string;

  /** A catalog table, named as the engine's sessions name it. */
  table(ref: TableRef): string;
  /** What follows the column list of a CREATE TABLE the stage makes. */
  readonly tableOptions: string;
  /** Column types of the tables the stage writes. */
  readonly types: { readonly text: string; readonly textList: string; readonly timestamp: string };
  /** `expression` as `type` (a cast that cannot fail: NULL, or text to text). */
  castAs(expression: string, type: string): string;
  /** A list of the non-NULL values of `entries` (at least one). */
  nonNullList(entries: readonly string[]): string;
  readonly emptyTextList: string;
  /** TRUE when some element `x` of `list` satisfies `predicate` (written over `x`). */
  anyElement(list: string, predicate: string): string;
  /** One row per element of `list`, in a select list. */
  explode(list: string): string;
  /** A tenant's expectation SQL (checked, in the documented vocabulary) with its columns as `columnSql` gives them. */
  expectationSql(sql: string, columns: ReadonlySet<string>, columnSql: (name: string) => string): string;
  /**
   * How the stage's writes are made. `transaction`: DuckDB, everything in one transaction, rows
   * replaced by delete and append. `merge`: Delta, where a statement is the unit of atomicity, so
   * each table changes in one MERGE and the run is marked judged last.
   */
  readonly writes: 'transaction' | 'merge';
  /** What drops the work tables this dialect object created (none on DuckDB: temp tables end with the session). */
  cleanupSql(): string[];
}

export const duckdbStage: StageDialect = {
  expressions: duckdbExpressions,
  work: duckdbTempTables,
  quote: quoteIdentifier,
  rowId: 'rowid',
  rowOrder: 'rowid',
  stagedRowSql: null,
  bronzeRowId: 'rowid',
  trimChars: (operand, chars) => `trim(${operand}, ${chars})`,
  isoDateText: (date) => `strftime(${date}, '%Y-%m-%d')`,
  object: (members) => `json_object(${members.map(([name, value]) => `${quoteString(name)}, ${value}`).join(', ')})`,
  jsonText: (object) => `json_merge_patch('{}', ${object})::VARCHAR`,
  replaceEvery: (operand, pattern, replacement) => `regexp_replace(${operand}, ${quoteString(pattern)}, ${quoteString(replacement)}, 'g')`,
  firstDistinct: (value, count) => `list_slice(list(DISTINCT ${value} ORDER BY ${value}), 1, ${count})`,
  everyNumber: (rowsSql, from, to, column) => `SELECT rows.*, line.n AS ${column} FROM (${rowsSql}) AS rows CROSS JOIN range(${from}, ${to + 1}) AS line(n)`,
  table: duckdbSql.qualifiedTableName,
  tableOptions: '',
  types: { text: 'VARCHAR', textList: 'VARCHAR[]', timestamp: 'TIMESTAMPTZ' },
  castAs: (expression, type) => `${expression}::${type}`,
  nonNullList: (entries) => `list_filter([${entries.join(', ')}], x -> x IS NOT NULL)`,
  emptyTextList: '[]::VARCHAR[]',
  anyElement: (list, predicate) => `len(list_filter(${list}, x -> ${predicate})) > 0`,
  explode: (list) => `unnest(${list})`,
  expectationSql: rewriteExpectationSql,
  writes: 'transaction',
  cleanupSql: () => [],
};

/** The column numbering the staged rows on Databricks. */
export const STAGED_ROW_COLUMN = '__staged_row';

export interface DatabricksStageOptions {
  /** Names the run's work tables apart from any other run's: up to 16 lower-case letters, digits and underscores. */
  runKey: string;
}

const MAX_IDENTIFIER = 63;

/** `prefix` + `name`, or, past the identifier limit, + the start of `name` and a hash of all of it. */
function workTableName(prefix: string, name: string): string {
  const full = `${prefix}${name}`;
  if (full.length <= MAX_IDENTIFIER) return full;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${full.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

/**
 * Databricks SQL. Sessions open in the tenant's catalog, so work tables are named by schema and
 * table only. Bronze tables keep Delta row tracking on, so `_metadata.row_id` is a bronze row's
 * identity as DuckDB's rowid is.
 */
export function databricksStage(options: DatabricksStageOptions): StageDialect {
  const prefix = `judging_${options.runKey}_`;
  const ref = (name: string) => databricksSql.schemaTable(databricksSql.SYSTEM_SCHEMA, workTableName(prefix, name));
  const created = new Set<string>();
  return {
    expressions: databricksExpressions,
    work: {
      ref,
      from: (name) => `${ref(name)} AS ${name}`,
      createAs: (name, query) => (created.add(name), `CREATE OR REPLACE TABLE ${ref(name)} AS ${query}`),
      drop: (name) => `DROP TABLE IF EXISTS ${ref(name)}`,
      rename: (name, to) => (created.add(to), `ALTER TABLE ${ref(name)} RENAME TO ${ref(to)}`),
    },
    quote: databricksSql.quoteColumnName,
    rowId: STAGED_ROW_COLUMN,
    // monotonically_increasing_id() numbers rows in no particular order; bronze's row ids keep the files' order.
    rowOrder: '_bronze_rowid, _bronze_line',
    stagedRowSql: 'monotonically_increasing_id()',
    bronzeRowId: '_metadata.row_id',
    trimChars: (operand, chars) => `trim(BOTH ${chars} FROM ${operand})`,
    isoDateText: (date) => `date_format(${date}, 'yyyy-MM-dd')`,
    object: (members) => `named_struct(${members.map(([name, value]) => `${sparkStringLiteral(name)}, ${value}`).join(', ')})`,
    // to_json leaves NULL members out (jsonGenerator.ignoreNullFields is on by default).
    jsonText: (object) => `to_json(${object})`,
    replaceEvery: (operand, pattern, replacement) => `regexp_replace(${operand}, ${sparkStringLiteral(pattern)}, ${sparkStringLiteral(replacement)})`,
    firstDistinct: (value, count) => `slice(array_sort(collect_set(${value})), 1, ${count})`,
    everyNumber: (rowsSql, from, to, column) => `SELECT rows.*, line.n AS ${column} FROM (${rowsSql}) AS rows CROSS JOIN (SELECT explode(sequence(${from}, ${to})) AS n) AS line`,
    table: (ref) => databricksSql.schemaTable(ref.schema, ref.table),
    tableOptions: ` USING DELTA ${databricksSql.DELTA_PROPERTIES}`,
    types: { text: 'STRING', textList: 'ARRAY<STRING>', timestamp: 'TIMESTAMP' },
    castAs: (expression, type) => `CAST(${expression} AS ${type})`,
    nonNullList: (entries) => `filter(array(${entries.join(', ')}), x -> x IS NOT NULL)`,
    emptyTextList: 'CAST(array() AS ARRAY<STRING>)',
    anyElement: (list, predicate) => `exists(${list}, x -> ${predicate})`,
    explode: (list) => `explode(${list})`,
    expectationSql: sparkExpectationSql,
    writes: 'merge',
    cleanupSql: () => [...created].map((name) => `DROP TABLE IF EXISTS ${ref(name)}`),
  };
}

/** The stage dialect of a session's engine, for the run `runId` (whose work tables it names on Databricks). */
export function stageDialectFor(engine: SqlDialect, runId: string): StageDialect {
  if (engine === 'duckdb') return duckdbStage;
  return databricksStage({ runKey: createHash('sha256').update(runId).digest('hex').slice(0, 16) });
}
