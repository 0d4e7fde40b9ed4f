/**
 * A stateful stand-in for one Databricks workspace's Unity Catalog, installed on a FakeSqlDriver:
 * it keeps what the adapter's statements create (catalogs, schemas, volumes, Delta tables and
 * their rows) and answers the adapter's queries from that state, the way the warehouse would.
 *
 * It understands the statements the catalog port contract makes the adapter send, each by its
 * exact shape (the statement table below), and nothing else: any other statement fails loudly
 * with "fake Unity Catalog does not understand: ..." and is listed in `misunderstood`, so a test
 * never passes on an answer the fake made up. Values are parsed as Spark reads them
 * (unescapeSparkString); rows keep the types the driver returns (STRING as string, BIGINT and INT
 * as number, TIMESTAMP as Date).
 *
 * Deliberate simplifications, none of which the adapter can observe through the contract:
 * - no concurrency control: statements run one at a time (Delta's optimistic conflicts never happen);
 * - read_files reads CSV only, multiLine; inferColumnTypes => true only to DESCRIBE a file, whose
 *   types are inferred from all its values (fake-spark-values.ts), not a sample;
 * - the planned INSERT and the sample checks evaluate exactly the fit checks the adapter renders
 *   (RLIKE on a shape, try_cast to the types it names) and nothing else;
 * - information_schema lists the catalog's own tables, not its own views;
 * - SQL functions are kept as the allow list of a PHI mask (current_user() and account groups)
 *   and never evaluated: every statement runs as `principal`, whom the adapter's mask lets through;
 * - grants are recorded and listed, never enforced.
 */
import type { SqlDriverSessionRequest } from '../../src/databricks/sql-driver';
import { serverError, type FakeSqlDriver, type FakeSqlSession } from './fake-sql-driver';
import { parseStagingCommand, SPARK_STRING_LITERAL, unescapeSparkString } from '@ade/testing/spark-sql';
import { inferredSparkType, isMisfit, NotUnderstood, plannedValue } from './fake-spark-values';

export type FakeRow = Record<string, unknown>;

export interface FakeColumn {
  name: string;
  /** Unity Catalog column tags, by key. */
  tags?: Map<string, string>;
  /** As information_schema.columns.data_type gives it: STRING, BIGINT, INT, TIMESTAMP. */
  type: string;
  nullable: boolean;
  /** The column mask, `schema.function`. */
  mask?: string;
}

/** A SQL function the adapter created: a PHI mask, as the principals it lets see values. */
export interface FakeMaskFunction {
  principals: string[];
  groups: string[];
  /** The body, as information_schema.routines.routine_definition gives it. */
  definition: string;
}

export interface FakeTable {
  columns: FakeColumn[];
  rows: FakeRow[];
}

export interface FakeSchema {
  tables: Map<string, FakeTable>;
  volumes: Set<string>;
}

export interface FakeCatalog {
  name: string;
  schemas: Map<string, FakeSchema>;
  /** By `schema.function`. */
  functions: Map<string, FakeMaskFunction>;
  /** Privileges held, as `grantee|schema|PRIVILEGE` (schema empty for the catalog itself). */
  grants: Set<string>;
}

/** Installs the fake on `driver`: its statements (except staging PUT/GET/REMOVE, which the driver moves) and its sessions' initial catalog. */
export function installFakeUnityCatalog(driver: FakeSqlDriver): FakeUnityCatalog {
  return new FakeUnityCatalog(driver);
}

export class FakeUnityCatalog {
  readonly catalogs = new Map<string, FakeCatalog>();
  /** Who every session runs as: current_user(). */
  principal = 'ade-platform@payer.example';
  /** Statements the fake refused to guess an answer to; a test asserts this stays empty. */
  readonly misunderstood: string[] = [];
  #otherwise: ((sql: string) => object[] | Error | undefined) | undefined;

  constructor(private readonly driver: FakeSqlDriver) {
    // Responders registered later (by a test) still win: the driver takes the most recent match.
    driver.answer(
      (sql) => parseStagingCommand(sql) === null,
      (sql, _options, session) => this.#run(sql, session),
    );
    const openSession = driver.openSession.bind(driver);
    driver.openSession = async (request: SqlDriverSessionRequest = {}) => {
      // The warehouse resolves the initial catalog when the session opens.
      if (request.initialCatalog !== undefined && !this.catalogs.has(request.initialCatalog.toLowerCase())) {
        throw serverError(`[NO_SUCH_CATALOG_EXCEPTION] Catalog '${request.initialCatalog}' was not found. Please verify the catalog name and then retry the query or command again.`, '42704');
      }
      return openSession(request);
    };
  }

  /**
   * Answers for statements the fake does not model (the quality stage's judging and writes, whose
   * SQL only a warehouse evaluates): asked only when no statement of the fake's own matches, and
   * `undefined` still refuses the statement. The test states every answer it gives.
   */
  otherwise(answer: (sql: string) => object[] | Error | undefined): this {
    this.#otherwise = answer;
    return this;
  }

  /** The rows of a table, for a test to look at; undefined when the table does not exist. */
  table(catalog: string, schema: string, table: string): FakeTable | undefined {
    return this.catalogs.get(catalog)?.schemas.get(schema)?.tables.get(table);
  }

  #run(sql: string, session: FakeSqlSession): object[] | Error {
    const statement = STATEMENTS.find((candidate) => candidate.pattern.test(sql));
    const catalogName = session.request.initialCatalog?.toLowerCase();
    const catalog = catalogName === undefined ? null : this.catalogs.get(catalogName);
    // The adapter names no catalog in its statements: outside one, they would land in the workspace's default catalog.
    if (catalog === null && !statement?.outsideCatalog) {
      return this.#refuse(`fake Unity Catalog: a session without an initial catalog may only CREATE CATALOG: ${sql.slice(0, 120)}`);
    }
    if (!statement) return this.#otherwise?.(sql) ?? this.#refuse(`fake Unity Catalog does not understand: ${sql.slice(0, 120)}`);
    // Dropped after the session opened.
    if (catalog === undefined) return serverError(`[NO_SUCH_CATALOG_EXCEPTION] Catalog '${catalogName}' was not found.`, '42704');
    const parts = statement.pattern.exec(sql)!.slice(1) as string[];
    const context: Context = {
      uc: this,
      volume: this.driver.volume,
      get catalog(): FakeCatalog {
        if (catalog === null) throw new Error('unreachable: a statement outside a catalog asked for one');
        return catalog;
      },
    };
    try {
      return statement.run(parts, context);
    } catch (error) {
      if (error instanceof NotUnderstood) return this.#refuse(`fake Unity Catalog does not understand: ${sql.slice(0, 120)} (${error.message})`);
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  #refuse(message: string): Error {
    this.misunderstood.push(message);
    return new Error(message);
  }
}


interface Context {
  uc: FakeUnityCatalog;
  /** The session's initial catalog (only statements not marked outsideCatalog may ask). */
  readonly catalog: FakeCatalog;
  volume: ReadonlyMap<string, Buffer>;
}

interface Statement {
  pattern: RegExp;
  /** May run in a session without an initial catalog. */
  outsideCatalog?: boolean;
  run(parts: string[], context: Context): object[];
}

// ---------------------------------------------------------------------------------------------
// Lexical pieces, as the adapter renders them (spark-sql/literals.ts).

const IDENT = /(`(?:[^`]|``)+`)/.source;
const STR = `(${SPARK_STRING_LITERAL.source})`;

/** A statement's regex with placeholders, each a capture group: §name (two groups: schema, table), §ident, §str, §int. */
function shape(template: RegExp): RegExp {
  const source = template.source
    .replaceAll('§name', `${IDENT}\\.${IDENT}`)
    .replaceAll('§ident', IDENT)
    .replaceAll('§str', STR)
    .replaceAll('§int', '(\\d+)');
  return new RegExp(source);
}

const ident = (quoted: string) => quoted.slice(1, -1).replaceAll('``', '`');
/** Unity Catalog stores catalog, schema and table names lower-case. */
const objectName = (quoted: string) => ident(quoted).toLowerCase();
const str = unescapeSparkString;
const fold = (name: string) => name.toLowerCase();
/** Spark orders strings by their bytes, not by locale. */
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// State.

function schemaOf(catalog: FakeCatalog, schema: string): FakeSchema {
  const found = catalog.schemas.get(schema);
  if (!found) throw serverError(`[SCHEMA_NOT_FOUND] The schema \`${catalog.name}\`.\`${schema}\` cannot be found.`, '42704');
  return found;
}

function tableOf(catalog: FakeCatalog, schema: string, table: string): FakeTable {
  const found = catalog.schemas.get(schema)?.tables.get(table);
  if (!found) throw serverError(`[TABLE_OR_VIEW_NOT_FOUND] The table or view \`${schema}\`.\`${table}\` cannot be found.`, '42P01');
  return found;
}

function columnOf(table: FakeTable, name: string): FakeColumn | undefined {
  return table.columns.find((column) => fold(column.name) === fold(name));
}

/** Rows by column name (matched ignoring case, as Spark resolves them), unnamed columns NULL; all or none, as a Delta commit. */
function insertRows(table: FakeTable, values: readonly FakeRow[]): void {
  table.rows.push(...values.map((row) => checkedRow(table, row)));
}

function checkedRow(table: FakeTable, values: FakeRow): FakeRow {
  const row: FakeRow = Object.fromEntries(table.columns.map((column) => [column.name, null]));
  for (const [name, value] of Object.entries(values)) {
    const column = columnOf(table, name);
    if (!column) throw serverError(`[INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS] Cannot write extra columns \`${name}\`.`, 'KD000');
    row[column.name] = value;
  }
  for (const column of table.columns) {
    if (!column.nullable && row[column.name] === null) throw serverError(`[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated for column: ${column.name}.`, '23502');
  }
  return row;
}

function deleteRows(table: FakeTable, doomed: (row: FakeRow) => boolean): object[] {
  const before = table.rows.length;
  table.rows = table.rows.filter((row) => !doomed(row));
  return [{ num_affected_rows: before - table.rows.length }];
}

// ---------------------------------------------------------------------------------------------
// Literals and SELECT lists.

/** One literal as the adapter writes them: a string, an integer, TIMESTAMP '<iso>', current_timestamp(). */
function literal(text: string): unknown {
  const trimmed = text.trim();
  if (new RegExp(`^${STR}$`).test(trimmed)) return str(trimmed);
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const timestamp = new RegExp(`^TIMESTAMP ${STR}$`).exec(trimmed);
  if (timestamp) return new Date(str(timestamp[1]!));
  if (trimmed === 'current_timestamp()') return new Date();
  if (trimmed === 'CAST(NULL AS STRING)') return null;
  throw new NotUnderstood(`the value ${trimmed.slice(0, 60)}`);
}

/** `<literal> AS name, <literal> AS name, ...` (the USING side of a MERGE). */
function namedLiterals(list: string): FakeRow {
  const item = new RegExp(`\\s*(${STR}|TIMESTAMP ${STR}|-?\\d+|current_timestamp\\(\\)) AS (\\w+)\\s*(?:,|$)`, 'y');
  const row: FakeRow = {};
  while (item.lastIndex < list.length) {
    const start = item.lastIndex;
    const match = item.exec(list);
    if (!match) throw new NotUnderstood(`the select list at ${list.slice(start, start + 60)}`);
    row[match[4]!] = literal(match[1]!);
  }
  return row;
}

/** A comma-separated list of items, each matched whole by `item` (sticky). */
function list(text: string, item: RegExp): RegExpExecArray[] {
  const sticky = new RegExp(`\\s*(?:${item.source})\\s*(?:,|$)`, 'y');
  const items: RegExpExecArray[] = [];
  while (sticky.lastIndex < text.length) {
    const start = sticky.lastIndex;
    const match = sticky.exec(text);
    if (!match) throw new NotUnderstood(`the list at ${text.slice(start, start + 60)}`);
    items.push(match);
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// read_files over a staged CSV file.

interface ReadFiles {
  path: string;
  options: Map<string, string | boolean>;
}

/** `'<path>', name => value, ...` */
function readFilesArguments(text: string): ReadFiles {
  const path = new RegExp(`^${STR}`).exec(text);
  if (!path) throw new NotUnderstood('the read_files path');
  const options = new Map<string, string | boolean>();
  for (const [, name, value] of list(text.slice(path[0].length).replace(/^\s*,/, ''), new RegExp(`(\\w+) => (${STR}|true|false)`))) {
    options.set(name!, value === 'true' ? true : value === 'false' ? false : str(value!));
  }
  return { path: str(path[1]!), options };
}

const SUPPORTED_READ = { format: 'csv', multiLine: true, inferColumnTypes: false, schemaEvolutionMode: 'none', mode: 'FAILFAST' } as const;

/**
 * The records of the staged file as read_files reads it: a header row of names (or _c0, _c1, ...)
 * and string values, empty as NULL. `describing`: the read is only described, where the fake
 * infers types too.
 */
function readStagedCsv({ path, options }: ReadFiles, volume: ReadonlyMap<string, Buffer>, describing = false): { names: string[]; records: Array<Array<string | null>> } {
  for (const [name, value] of options) {
    const expected = (SUPPORTED_READ as Record<string, unknown>)[name];
    if (describing && name === 'inferColumnTypes') continue;
    if (expected !== undefined ? value !== expected : !['header', 'sep', 'quote', 'escape'].includes(name)) {
      throw new NotUnderstood(`the read_files option ${name} => ${String(value)}`);
    }
  }
  const bytes = volume.get(path);
  if (!bytes) throw serverError(`[PATH_NOT_FOUND] Path does not exist: ${path}.`, '42K03');
  const option = (name: string, fallback: string) => {
    const value = options.get(name);
    return typeof value === 'string' ? value : fallback;
  };
  // Spark's CSV defaults: comma, double quote, backslash escape, a header only when asked.
  const rows = csvRecords(bytes.toString('utf8'), option('sep', ','), option('quote', '"'), option('escape', '\\'));
  const header = options.get('header') === true;
  const width = rows[0]?.length ?? 0;
  const names = header ? (rows[0] ?? []).map((name, i) => name || `_c${i}`) : Array.from({ length: width }, (_, i) => `_c${i}`);
  const records = (header ? rows.slice(1) : rows).map((record) => {
    // FAILFAST: a record with another field count is malformed.
    if (record.length !== names.length) throw serverError('[MALFORMED_RECORD_IN_PARSING] Malformed records are detected in record parsing.', '22023');
    return record.map((value) => (value === '' ? null : value));
  });
  return { names, records };
}

/** RFC 4180 records, honouring quoted fields (with line breaks, doubled or escaped quotes); blank lines are skipped as Spark does. */
function csvRecords(text: string, sep: string, quote: string, escape: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if ((c === escape || c === quote) && text[i + 1] === quote) {
        field += quote;
        i += 2;
      } else if (c === quote) {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === quote && field === '') {
      quoted = true;
      i += 1;
    } else if (c === sep) {
      record.push(field);
      field = '';
      i += 1;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** The select list of a sample's counts, each measure by the adapter's exact shape, over the sampled rows. */
function sampleMeasures(measures: string, rows: readonly FakeRow[]): FakeRow {
  const valueOf = (row: FakeRow) => (header: string) => (row[header] ?? null) as string | null;
  const count = (test: (row: FakeRow) => boolean) => rows.filter(test).length;
  const forms = [
    `count\\(src\\.${IDENT}\\) AS (n\\d+)`,
    `0 AS (m\\d+)`,
    `count_if\\((\\(src\\.${IDENT} IS NOT NULL AND NOT coalesce\\(.*?, false\\)\\))\\) AS (m\\d+)`,
    `count_if\\(lower\\(trim\\(src\\.${IDENT}\\)\\) = lower\\(trim\\(${STR}\\)\\)\\) AS (s\\d+)`,
  ];
  const measure = new RegExp(`(?:${forms.join('|')})(?:, |$)`, 'y');
  const result: FakeRow = {};
  while (measure.lastIndex < measures.length) {
    const start = measure.lastIndex;
    const m = measure.exec(measures);
    if (!m) throw new NotUnderstood(`the measure at ${measures.slice(start, start + 60)}`);
    if (m[2]) result[m[2]] = count((row) => row[ident(m[1]!)] != null);
    else if (m[3]) result[m[3]] = 0;
    else if (m[6]) result[m[6]] = count((row) => isMisfit(m[4]!, valueOf(row)));
    else result[m[9]!] = count((row) => {
      const value = row[ident(m[7]!)];
      return typeof value === 'string' && value.trim().toLowerCase() === str(m[8]!).trim().toLowerCase();
    });
  }
  return result;
}

/**
 * `SELECT src.`a` AS `a`, ... FROM (SELECT * FROM read_files(...)) AS src`: the file's records by
 * column name. A column may be `CAST(src.`a` AS DATE)` (a reference table's dates): the value is
 * kept as its YYYY-MM-DD text, which is how the driver returns a DATE too.
 */
function rawSourceRows(rawSql: string, volume: ReadonlyMap<string, Buffer>): FakeRow[] {
  const { projection, readFiles } = rawSource(rawSql);
  const { names, records } = readStagedCsv(readFilesArguments(readFiles), volume);
  return records.map((record) => {
    const row: FakeRow = {};
    for (const { source, alias } of projection) {
      const at = names.findIndex((name) => fold(name) === fold(source));
      if (at === -1) throw serverError(`[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column with name \`${source}\` cannot be resolved.`, '42703');
      row[alias] = record[at];
    }
    return row;
  });
}

/** The projection of a raw source (each column's file header, alias, and whether it is cast to DATE) and its read_files arguments. */
function rawSource(rawSql: string): { projection: Array<{ source: string; alias: string; date: boolean }>; readFiles: string } {
  const raw = /^SELECT ([\s\S]*?) FROM \(SELECT \* FROM read_files\(([\s\S]*)\)\) AS src$/.exec(rawSql);
  if (!raw) throw new NotUnderstood('the raw source');
  // Only string columns (as a CSV read gives them) and dates; other CASTs and to_json come with other formats.
  const projection = list(raw[1]!, new RegExp(`(CAST\\()?src\\.${IDENT}(?: AS DATE\\))? AS ${IDENT}`)).map(([, cast, source, alias]) => ({
    source: ident(source!),
    alias: ident(alias!),
    date: cast !== undefined,
  }));
  return { projection, readFiles: raw[2]! };
}

// ---------------------------------------------------------------------------------------------
// The statements, in the order the adapter meets them.

/** MERGE ... WHEN NOT MATCHED THEN INSERT on literal values: the system tables' keyed writes. */
function mergeLiterals([schema, table, alias, using, on, targets, values]: string[], { catalog }: Context): object[] {
  const into = tableOf(catalog, objectName(schema!), objectName(table!));
  const source = namedLiterals(using!);
  const keys = on!.split(' AND ').map((condition) => {
    const key = new RegExp(`^${alias}\\.(\\w+) = s\\.(\\w+)$`).exec(condition.trim());
    if (!key || key[1] !== key[2]) throw new NotUnderstood(`the merge condition ${condition}`);
    return key[1]!;
  });
  const columns = targets!.split(',').map((name) => name.trim());
  if (values!.split(',').map((value) => value.trim()).join() !== columns.map((name) => `s.${name}`).join()) throw new NotUnderstood('the inserted values');
  const matched = into.rows.some((row) => keys.every((key) => row[key] === source[key]));
  if (!matched) insertRows(into, [Object.fromEntries(columns.map((name) => [name, source[name]]))]);
  const inserted = matched ? 0 : 1;
  return [{ num_affected_rows: inserted, num_updated_rows: 0, num_deleted_rows: 0, num_inserted_rows: inserted }];
}

/** The adapter's tables: one column per line, of the types its own tables use. */
function createTable([schema, table, body]: string[], context: Context): object[] {
  const columns = body!.split('\n').map((line) => columnDefinition(line, /STRING|BIGINT|INT|TIMESTAMP/));
  return addTable(schema!, table!, columns, context);
}

/**
 * The quality stage's silver, quarantine and gold tables: the column list on one line, with the
 * types those tables use. The fake keeps their columns (what governance tags and masks); the
 * stage's writes to them are answered by the test (see `otherwise`).
 */
function createStageTable([schema, table, body]: string[], context: Context): object[] {
  const columns = list(body!, /((?:`(?:[^`]|``)+`|\w+) (?:STRING|BIGINT|INT|DOUBLE|BOOLEAN|DATE|TIMESTAMP|DECIMAL\(\d+,\d+\)|ARRAY<STRING>))/).map((item) =>
    columnDefinition(item[1]!, /STRING|BIGINT|INT|DOUBLE|BOOLEAN|DATE|TIMESTAMP|DECIMAL\(\d+,\d+\)|ARRAY<STRING>/),
  );
  return addTable(schema!, table!, columns, context);
}

function columnDefinition(text: string, types: RegExp): FakeColumn {
  const column = new RegExp(`^\\s*(${IDENT.slice(1, -1)}|\\w+) (${types.source})( NOT NULL)?,?$`).exec(text);
  if (!column) throw new NotUnderstood(`the column ${text.trim()}`);
  const name = column[1]!.startsWith('`') ? ident(column[1]!) : column[1]!;
  return { name, type: column[2]!, nullable: column[3] === undefined };
}

function addTable(schema: string, table: string, columns: FakeColumn[], { catalog }: Context): object[] {
  const tables = schemaOf(catalog, objectName(schema)).tables;
  if (!tables.has(objectName(table))) tables.set(objectName(table), { columns, rows: [] });
  return [];
}

const STATEMENTS: Statement[] = [
  {
    // A new catalog comes with the `default` and `information_schema` schemas.
    pattern: shape(/^CREATE CATALOG IF NOT EXISTS §ident$/),
    outsideCatalog: true,
    run: ([name], { uc }) => {
      const catalogName = objectName(name!);
      if (!uc.catalogs.has(catalogName)) {
        const schemas = new Map(['default', 'information_schema'].map((schema) => [schema, { tables: new Map(), volumes: new Set<string>() }]));
        uc.catalogs.set(catalogName, { name: catalogName, schemas, functions: new Map(), grants: new Set() });
      }
      return [];
    },
  },
  {
    pattern: shape(/^CREATE SCHEMA IF NOT EXISTS §ident$/),
    run: ([name], { catalog }) => {
      const schema = objectName(name!);
      if (!catalog.schemas.has(schema)) catalog.schemas.set(schema, { tables: new Map(), volumes: new Set() });
      return [];
    },
  },
  {
    pattern: shape(/^CREATE VOLUME IF NOT EXISTS §name COMMENT §str$/),
    run: ([schema, volume], { catalog }) => {
      schemaOf(catalog, objectName(schema!)).volumes.add(objectName(volume!));
      return [];
    },
  },
  {
    pattern: shape(/^CREATE TABLE IF NOT EXISTS §name \(\n([\s\S]*)\n\) USING DELTA TBLPROPERTIES \(.*\)$/),
    run: createTable,
  },
  {
    pattern: shape(/^CREATE TABLE IF NOT EXISTS §name \(([^\n]*)\) USING DELTA TBLPROPERTIES \([^\n]*\)$/),
    run: createStageTable,
  },
  {
    // A reference table from a staged file (CTAS): its columns as the projection names them.
    pattern: shape(/^CREATE TABLE IF NOT EXISTS §name USING DELTA TBLPROPERTIES \(.*\)\nAS (SELECT [\s\S]*)$/),
    run: ([schema, table, select], { catalog, volume }) => {
      const tables = schemaOf(catalog, objectName(schema!)).tables;
      if (tables.has(objectName(table!))) return [];
      const columns = rawSource(select!).projection.map(({ alias, date }) => ({ name: alias, type: date ? 'DATE' : 'STRING', nullable: true }));
      tables.set(objectName(table!), { columns, rows: rawSourceRows(select!, volume) });
      return [];
    },
  },
  {
    // The claim: one row, only while the table is empty.
    pattern: shape(/^INSERT INTO `_system`\.`catalog_info` \(tenant_id, catalog_name, created_at\)\nSELECT §str, §str, current_timestamp\(\)\nWHERE NOT EXISTS \(SELECT 1 FROM `_system`\.`catalog_info`\)$/),
    run: ([tenantId, catalogName], { catalog }) => {
      const info = tableOf(catalog, '_system', 'catalog_info');
      const inserted = info.rows.length === 0 ? 1 : 0;
      if (inserted) insertRows(info, [{ tenant_id: str(tenantId!), catalog_name: str(catalogName!), created_at: new Date() }]);
      return [{ num_affected_rows: inserted, num_inserted_rows: inserted }];
    },
  },
  {
    pattern: /^SELECT tenant_id FROM `_system`\.`catalog_info`$/,
    run: (_, { catalog }) => tableOf(catalog, '_system', 'catalog_info').rows.map((row) => ({ tenant_id: row['tenant_id'] })),
  },
  {
    pattern: shape(/^SELECT run_id, row_count FROM `_system`\.`ingest_checkpoints` WHERE pipeline_id = §str AND source_file = §str AND content_hash = §str$/),
    run: ([pipelineId, sourceFile, contentHash], { catalog }) =>
      tableOf(catalog, '_system', 'ingest_checkpoints')
        .rows.filter((row) => row['pipeline_id'] === str(pipelineId!) && row['source_file'] === str(sourceFile!) && row['content_hash'] === str(contentHash!))
        .map((row) => ({ run_id: row['run_id'], row_count: row['row_count'] })),
  },
  {
    // DESCRIBE QUERY of a read: the file's columns, as strings or with the types Spark infers.
    pattern: /^DESCRIBE SELECT \* FROM read_files\(([\s\S]*)\)$/,
    run: ([args], { volume }) => {
      const read = readFilesArguments(args!);
      const { names, records } = readStagedCsv(read, volume, true);
      const infer = read.options.get('inferColumnTypes') === true;
      return names.map((name, i) => ({ col_name: name, data_type: infer ? inferredSparkType(records.map((record) => record[i]!)) : 'string', comment: null }));
    },
  },
  {
    // Counts over the first rows of a raw read: values and misfits per column (sampleColumnsSql),
    // or names among values (namesAmongValuesSql). Counts only, as the adapter asks.
    pattern: /^SELECT (.*) FROM \(SELECT \* FROM \((SELECT [\s\S]*)\) AS raw LIMIT (\d+)\) AS src$/,
    run: ([measures, rawSql, limit], { volume }) => [sampleMeasures(measures!, rawSourceRows(rawSql!, volume).slice(0, Number(limit)))],
  },
  {
    pattern: shape(/^SELECT count\(\*\) AS n FROM information_schema\.tables WHERE table_schema = §str AND table_name = §str$/),
    run: ([schema, table], { catalog }) => [{ n: catalog.schemas.get(str(schema!))?.tables.has(str(table!)) ? 1 : 0 }],
  },
  {
    pattern: shape(/^SELECT column_name, data_type FROM information_schema\.columns WHERE table_schema = §str AND table_name = §str ORDER BY ordinal_position$/),
    run: ([schema, table], { catalog }) => (catalog.schemas.get(str(schema!))?.tables.get(str(table!))?.columns ?? []).map((column) => ({ column_name: column.name, data_type: column.type })),
  },
  {
    pattern: shape(/^SELECT column_name FROM information_schema\.columns WHERE table_catalog = §str AND table_schema = §str AND table_name = §str ORDER BY ordinal_position$/),
    run: ([catalogName, schema, table], { catalog }) =>
      str(catalogName!) === catalog.name ? (catalog.schemas.get(str(schema!))?.tables.get(str(table!))?.columns ?? []).map((column) => ({ column_name: column.name })) : [],
  },
  {
    pattern: shape(/^SELECT count\(\*\) AS n FROM §name$/),
    run: ([schema, table], { catalog }) => [{ n: tableOf(catalog, objectName(schema!), objectName(table!)).rows.length }],
  },
  {
    // Rows an earlier attempt left without a checkpoint: its own run's, or any run's once abandoned.
    pattern: shape(
      /^DELETE FROM §name\nWHERE _source_file = §str\n {2}AND \(_run_id = §str OR _ingested_at < current_timestamp\(\) - INTERVAL §int SECONDS\)\n {2}AND _run_id NOT IN \(SELECT run_id FROM `_system`\.`ingest_checkpoints` WHERE source_file = §str AND target_table = §str\)$/,
    ),
    run: ([schema, table, sourceFile, runId, seconds, checkpointFile, targetTable], { catalog }) => {
      const abandonedBefore = Date.now() - Number(seconds) * 1000;
      const checkpointed = new Set(
        tableOf(catalog, '_system', 'ingest_checkpoints')
          .rows.filter((row) => row['source_file'] === str(checkpointFile!) && row['target_table'] === str(targetTable!))
          .map((row) => row['run_id']),
      );
      return deleteRows(
        tableOf(catalog, objectName(schema!), objectName(table!)),
        (row) =>
          row['_source_file'] === str(sourceFile!) &&
          (row['_run_id'] === str(runId!) || (row['_ingested_at'] as Date).getTime() < abandonedBefore) &&
          !checkpointed.has(row['_run_id']),
      );
    },
  },
  {
    // One ingest's own rows, after a racing ingest won the checkpoint or the schema version.
    pattern: shape(/^DELETE FROM §name\nWHERE _source_file = §str AND _run_id = §str AND _ingested_at = TIMESTAMP §str$/),
    run: ([schema, table, sourceFile, runId, ingestedAt], { catalog }) =>
      deleteRows(
        tableOf(catalog, objectName(schema!), objectName(table!)),
        (row) => row['_source_file'] === str(sourceFile!) && row['_run_id'] === str(runId!) && (row['_ingested_at'] as Date).getTime() === new Date(str(ingestedAt!)).getTime(),
      ),
  },
  {
    // Without a plan: BY NAME, the file's columns plus the batch's metadata.
    pattern: shape(
      /^INSERT INTO §name BY NAME\nSELECT src\.\*, §str AS _source_file, TIMESTAMP §str AS _ingested_at, §str AS _run_id, CAST\(NULL AS STRING\) AS _rescued_data\nFROM \(([\s\S]*)\) AS src$/,
    ),
    run: ([schema, table, sourceFile, ingestedAt, runId, rawSql], { catalog, volume }) => {
      const into = tableOf(catalog, objectName(schema!), objectName(table!));
      const rows = rawSourceRows(rawSql!, volume);
      const metadata = { _source_file: str(sourceFile!), _ingested_at: new Date(str(ingestedAt!)), _run_id: str(runId!), _rescued_data: null };
      insertRows(into, rows.map((row) => ({ ...row, ...metadata })));
      return [{ num_affected_rows: rows.length, num_inserted_rows: rows.length }];
    },
  },
  {
    // By a plan: named target columns, one value per line (a landed header, or a metadata literal).
    pattern: shape(/^INSERT INTO §name \(([^\n]*)\)\nSELECT\n {2}([\s\S]*?)\nFROM \((SELECT [\s\S]*)\) AS src$/),
    run: ([schema, table, targets, values, rawSql], { catalog, volume }) => {
      const into = tableOf(catalog, objectName(schema!), objectName(table!));
      const columns = list(targets!, new RegExp(`${IDENT}|(\\w+)`)).map(([, quoted, plain]) => (quoted ? ident(quoted) : plain!));
      const expressions = values!.split(',\n  ');
      if (expressions.length !== columns.length) throw new NotUnderstood('the planned select list');
      const rows = rawSourceRows(rawSql!, volume).map((source) => {
        const valueOf = (header: string) => (source[header] ?? null) as string | null;
        return Object.fromEntries(
          columns.map((column, i) => {
            const value = plannedValue(expressions[i]!, valueOf);
            return [column, value === undefined ? literal(expressions[i]!) : value];
          }),
        );
      });
      insertRows(into, rows);
      return [{ num_affected_rows: rows.length, num_inserted_rows: rows.length }];
    },
  },
  {
    pattern: shape(
      /^MERGE INTO §name AS (\w+)\nUSING \(SELECT ([\s\S]*)\) AS s\nON ([^\n]*)\nWHEN NOT MATCHED THEN INSERT \(([^)]*)\)\nVALUES \(([^)]*)\)$/,
    ),
    run: mergeLiterals,
  },
  {
    pattern: shape(
      /^SELECT version, fingerprint, columns, run_id, source_file, unix_millis\(recorded_at\) AS recorded_at_ms\nFROM `_system`\.`schema_history`\nWHERE table_name = §str\nORDER BY version DESC\nLIMIT 1$/,
    ),
    run: ([tableName], { catalog }) =>
      tableOf(catalog, '_system', 'schema_history')
        .rows.filter((row) => row['table_name'] === str(tableName!))
        .sort((a, b) => Number(b['version']) - Number(a['version']))
        .slice(0, 1)
        .map(({ version, fingerprint, columns, run_id, source_file, recorded_at }) => ({ version, fingerprint, columns, run_id, source_file, recorded_at_ms: (recorded_at as Date).getTime() })),
  },
  {
    pattern: shape(/^SELECT run_id, fingerprint FROM `_system`\.`schema_history` WHERE table_name = §str AND version = §int$/),
    run: ([tableName, version], { catalog }) =>
      tableOf(catalog, '_system', 'schema_history')
        .rows.filter((row) => row['table_name'] === str(tableName!) && row['version'] === Number(version))
        .map((row) => ({ run_id: row['run_id'], fingerprint: row['fingerprint'] })),
  },
  {
    pattern: shape(
      /^SELECT source_file, content_hash, run_id, reason, unix_millis\(quarantined_at\) AS quarantined_at_ms FROM `_system`\.`quarantined_files`\nWHERE pipeline_id = §str ORDER BY quarantined_at, source_file$/,
    ),
    run: ([pipelineId], { catalog }) =>
      tableOf(catalog, '_system', 'quarantined_files')
        .rows.filter((row) => row['pipeline_id'] === str(pipelineId!))
        .sort((a, b) => (a['quarantined_at'] as Date).getTime() - (b['quarantined_at'] as Date).getTime() || byBytes(String(a['source_file']), String(b['source_file'])))
        .map((row) => ({
          source_file: row['source_file'],
          content_hash: row['content_hash'],
          run_id: row['run_id'],
          reason: row['reason'],
          quarantined_at_ms: (row['quarantined_at'] as Date).getTime(),
        })),
  },
  {
    pattern: /^SELECT schema_name FROM information_schema\.schemata WHERE schema_name <> 'information_schema' ORDER BY schema_name$/,
    run: (_, { catalog }) => [...catalog.schemas.keys()].filter((schema) => schema !== 'information_schema').sort(byBytes).map((schema_name) => ({ schema_name })),
  },
  {
    pattern: /^SELECT target, unix_millis\(max\(recorded_at\)\) AS last_write_ms FROM `_system`\.`lineage` GROUP BY target$/,
    run: (_, { catalog }) => {
      const last = new Map<string, number>();
      for (const row of tableOf(catalog, '_system', 'lineage').rows) {
        const at = (row['recorded_at'] as Date).getTime();
        last.set(String(row['target']), Math.max(at, last.get(String(row['target'])) ?? at));
      }
      return [...last].map(([target, last_write_ms]) => ({ target, last_write_ms }));
    },
  },
  {
    pattern:
      /^SELECT c\.table_schema, c\.table_name, c\.column_name, c\.data_type FROM information_schema\.columns AS c JOIN information_schema\.tables AS t ON t\.table_schema = c\.table_schema AND t\.table_name = c\.table_name WHERE t\.table_schema <> 'information_schema' AND t\.table_type IN \('MANAGED', 'EXTERNAL'\) ORDER BY c\.table_schema, c\.table_name, c\.ordinal_position$/,
    run: (_, { catalog }) =>
      [...catalog.schemas]
        .sort(([a], [b]) => byBytes(a, b))
        .flatMap(([schema, { tables }]) =>
          [...tables]
            .sort(([a], [b]) => byBytes(a, b))
            .flatMap(([table, { columns }]) => columns.map((column) => ({ table_schema: schema, table_name: table, column_name: column.name, data_type: column.type }))),
        ),
  },
  {
    pattern: shape(/^SELECT schema_name, table_name, column_name FROM information_schema\.column_tags WHERE tag_name = §str$/),
    run: ([tag], { catalog }) =>
      [...catalog.schemas].flatMap(([schema, { tables }]) =>
        [...tables].flatMap(([table, { columns }]) =>
          columns.filter((column) => column.tags?.has(str(tag!))).map((column) => ({ schema_name: schema, table_name: table, column_name: column.name })),
        ),
      ),
  },
  {
    pattern: shape(/^ALTER TABLE §name ALTER COLUMN §ident SET TAGS \(§str = §str\)$/),
    run: ([schema, table, column, key, value], { catalog }) => {
      const found = columnOf(tableOf(catalog, objectName(schema!), objectName(table!)), ident(column!));
      if (!found) throw serverError(`[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column with name ${column} cannot be resolved.`, '42703');
      (found.tags ??= new Map()).set(str(key!), str(value!));
      return [];
    },
  },
  {
    pattern: /^SELECT current_user\(\) AS principal$/,
    run: (_, { uc }) => [{ principal: uc.principal }],
  },
  {
    // A PHI mask: the value for some principals and account groups, NULL for anyone else.
    pattern: shape(/^CREATE OR REPLACE FUNCTION §name\(value STRING\) RETURNS STRING RETURN CASE WHEN (.+) THEN value ELSE NULL END$/),
    run: ([schema, name, allowed], { catalog }) => {
      schemaOf(catalog, objectName(schema!));
      const principals: string[] = [];
      const groups: string[] = [];
      for (const [, principal, group] of list(allowed!.replaceAll(' OR ', ','), new RegExp(`current_user\\(\\) = ${STR}|is_account_group_member\\(${STR}\\)`))) {
        if (principal !== undefined) principals.push(str(principal));
        else groups.push(str(group!));
      }
      catalog.functions.set(`${objectName(schema!)}.${objectName(name!)}`, { principals, groups, definition: `CASE WHEN ${allowed} THEN value ELSE NULL END` });
      return [];
    },
  },
  {
    pattern: shape(/^SELECT routine_definition FROM information_schema\.routines WHERE routine_schema = §str AND routine_name = §str$/),
    run: ([schema, name], { catalog }) => {
      const found = catalog.functions.get(`${str(schema!)}.${str(name!)}`);
      return found ? [{ routine_definition: found.definition }] : [];
    },
  },
  {
    pattern: /^SELECT table_schema, table_name, column_name, mask_schema, mask_name FROM information_schema\.column_masks$/,
    run: (_, { catalog }) =>
      [...catalog.schemas].flatMap(([schema, { tables }]) =>
        [...tables].flatMap(([table, { columns }]) =>
          columns
            .filter((column) => column.mask !== undefined)
            .map((column) => ({ table_schema: schema, table_name: table, column_name: column.name, mask_schema: column.mask!.split('.')[0], mask_name: column.mask!.split('.')[1] })),
        ),
      ),
  },
  {
    pattern: shape(/^ALTER TABLE §name ALTER COLUMN §ident SET MASK §name$/),
    run: ([schema, table, column, functionSchema, functionName], { catalog }) => {
      const found = columnOf(tableOf(catalog, objectName(schema!), objectName(table!)), ident(column!));
      if (!found) throw serverError(`[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column with name ${column} cannot be resolved.`, '42703');
      const mask = `${objectName(functionSchema!)}.${objectName(functionName!)}`;
      if (!catalog.functions.has(mask)) throw serverError(`[ROUTINE_NOT_FOUND] The routine ${mask} cannot be found.`, '42883');
      found.mask = mask;
      return [];
    },
  },
  {
    pattern: shape(/^GRANT USE CATALOG ON CATALOG §ident TO §ident$/),
    run: ([name, grantee], { catalog }) => {
      if (objectName(name!) !== catalog.name) throw new NotUnderstood('a grant on another catalog than the session\'s');
      catalog.grants.add(`${ident(grantee!)}||USE CATALOG`);
      return [];
    },
  },
  {
    pattern: shape(/^GRANT (USE SCHEMA|SELECT) ON SCHEMA §ident TO §ident$/),
    run: ([privilege, schema, grantee], { catalog }) => {
      schemaOf(catalog, objectName(schema!));
      catalog.grants.add(`${ident(grantee!)}|${objectName(schema!)}|${privilege}`);
      return [];
    },
  },
  {
    pattern: shape(/^SELECT grantee, privilege_type FROM information_schema\.catalog_privileges WHERE catalog_name = §str$/),
    run: ([name], { catalog }) =>
      str(name!) !== catalog.name
        ? []
        : [...catalog.grants].map((grant) => grant.split('|')).filter(([, schema]) => schema === '').map(([grantee, , privilege_type]) => ({ grantee, privilege_type })),
  },
  {
    pattern: /^SELECT grantee, schema_name, privilege_type FROM information_schema\.schema_privileges WHERE schema_name IN \('silver', 'gold'\)$/,
    run: (_, { catalog }) =>
      [...catalog.grants]
        .map((grant) => grant.split('|'))
        .filter(([, schema]) => schema === 'silver' || schema === 'gold')
        .map(([grantee, schema_name, privilege_type]) => ({ grantee, schema_name, privilege_type })),
  },
];
