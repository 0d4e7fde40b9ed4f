/**
 * A grammar check for the SQL the Databricks adapter sends, so a test double can refuse what a
 * real warehouse would refuse to parse. Spark statements go to dt-sql-parser's Spark SQL grammar;
 * the few Databricks-only commands that grammar lacks are matched against their documented syntax.
 *
 * dt-sql-parser is ESM that only loads under vitest, so this module is for tests only.
 */
import { SparkSQL } from 'dt-sql-parser';

const parser = new SparkSQL();

// Lexical pieces of the Databricks-only forms, as Spark lexes them ("Identifiers" and "STRING type"
// pages): an identifier is backticked with `` standing for a backtick, or plain; a string literal
// is single-quoted, and a quote inside it can only appear backslash-escaped.
const IDENT = /(?:`(?:[^`]|``)+`|[A-Za-z_][A-Za-z0-9_]*)/.source;
/** One single-quoted Spark string literal, as Spark lexes it (a quote inside only backslash-escaped). */
export const SPARK_STRING_LITERAL = /'(?:[^'\\]|\\[\s\S])*'/;
const STRING = SPARK_STRING_LITERAL.source;
// "Privilege types" page: what can be granted on a catalog, schema or table.
const UC_PRIVILEGE = '(?:ALL\\s+PRIVILEGES|USE\\s+CATALOG|USE\\s+SCHEMA|SELECT|MODIFY|EXECUTE|CREATE\\s+(?:SCHEMA|TABLE|FUNCTION|VOLUME|MATERIALIZED\\s+VIEW)|READ\\s+VOLUME|WRITE\\s+VOLUME|APPLY\\s+TAG|BROWSE|REFRESH|MANAGE)';
// A statement may end in one semicolon (dt-sql-parser refuses `;;`, so we do too).
const END = /\s*;?\s*$/.source;

function form(body: string): RegExp {
  return new RegExp(`^\\s*${body}${END}`, 'i');
}

/**
 * Commands dt-sql-parser's grammar lacks entirely. A statement that starts like one of them is
 * judged only by its documented syntax; everything else goes to the Spark parser.
 */
const DATABRICKS_ONLY: ReadonlyArray<{ lead: RegExp; syntax: RegExp; expected: string; expression?: (match: RegExpExecArray) => string }> = [
  {
    // "CREATE CATALOG" page. The grammar has no CATALOG objects at all. We accept only the part of
    // the syntax the adapter uses (no MANAGED LOCATION, COMMENT or OPTIONS clauses).
    lead: /^\s*CREATE\s+CATALOG\b/i,
    syntax: form(`CREATE\\s+CATALOG(?:\\s+IF\\s+NOT\\s+EXISTS)?\\s+${IDENT}`),
    expected: 'CREATE CATALOG [IF NOT EXISTS] <catalog>',
  },
  {
    // "CREATE VOLUME" page (Unity Catalog volumes). The name is two-part on purpose: sessions open
    // with initialCatalog, the same rule that keeps table names two-part (see below).
    lead: /^\s*CREATE\s+VOLUME\b/i,
    syntax: form(`CREATE\\s+VOLUME(?:\\s+IF\\s+NOT\\s+EXISTS)?\\s+${IDENT}\\s*\\.\\s*${IDENT}(?:\\s+COMMENT\\s+${STRING})?`),
    expected: "CREATE VOLUME [IF NOT EXISTS] <schema>.<volume> [COMMENT '<text>']",
  },
  {
    // "PUT INTO" page (Databricks SQL Connector only; the driver performs the upload).
    lead: /^\s*PUT\b/i,
    syntax: form(`PUT\\s+${STRING}\\s+INTO\\s+${STRING}(?:\\s+OVERWRITE)?`),
    expected: "PUT '<local path>' INTO '/Volumes/...' [OVERWRITE]",
  },
  {
    // "GET" page (Databricks SQL Connector only; the driver performs the download).
    lead: /^\s*GET\b/i,
    syntax: form(`GET\\s+${STRING}\\s+TO\\s+${STRING}`),
    expected: "GET '/Volumes/...' TO '<local path>'",
  },
  {
    // "ALTER TABLE ... COLUMN clause" page: `ALTER COLUMN <column> SET TAGS (...)` (Unity Catalog
    // tags), which the grammar lacks. The table name is two-part, like every name the adapter writes.
    lead: /^\s*ALTER\s+TABLE\b[\s\S]*\bSET\s+TAGS\b/i,
    syntax: form(`ALTER\\s+TABLE\\s+${IDENT}\\s*\\.\\s*${IDENT}\\s+ALTER\\s+COLUMN\\s+${IDENT}\\s+SET\\s+TAGS\\s*\\(\\s*${STRING}\\s*=\\s*${STRING}(?:\\s*,\\s*${STRING}\\s*=\\s*${STRING})*\\s*\\)`),
    expected: "ALTER TABLE <schema>.<table> ALTER COLUMN <column> SET TAGS ('<key>' = '<value>'[, ...])",
  },
  {
    // "ALTER TABLE ... COLUMN clause" and "Column mask clause" pages: `ALTER COLUMN <column> SET
    // MASK <function>`, which the grammar lacks (it reads SET as a second statement).
    lead: /^\s*ALTER\s+TABLE\b[\s\S]*\bSET\s+MASK\b/i,
    syntax: form(`ALTER\\s+TABLE\\s+${IDENT}\\s*\\.\\s*${IDENT}\\s+ALTER\\s+COLUMN\\s+${IDENT}\\s+SET\\s+MASK\\s+${IDENT}\\s*\\.\\s*${IDENT}`),
    expected: 'ALTER TABLE <schema>.<table> ALTER COLUMN <column> SET MASK <schema>.<function>',
  },
  {
    // "CREATE FUNCTION (SQL and Python)" page: a SQL scalar UDF, `RETURNS <type> RETURN <expression>`
    // (the grammar, from open-source Spark before 4.0, has only CREATE FUNCTION ... AS '<class>').
    // The expression itself goes to the Spark parser as a select list.
    lead: /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\b[\s\S]*\bRETURN\b/i,
    syntax: form(
      `CREATE\\s+(?:OR\\s+REPLACE\\s+)?FUNCTION\\s+${IDENT}\\s*\\.\\s*${IDENT}\\s*\\(\\s*${IDENT}\\s+(?:STRING|DATE|INT|BIGINT)(?:\\s*,\\s*${IDENT}\\s+(?:STRING|DATE|INT|BIGINT))*\\s*\\)` +
        `\\s+RETURNS\\s+(?:STRING|DATE|INT|BIGINT)\\s+RETURN\\s+([\\s\\S]+?)`,
    ),
    expected: 'CREATE [OR REPLACE] FUNCTION <schema>.<name>(<param> <type>[, ...]) RETURNS <type> RETURN <expression>',
    expression: (match) => match[1]!,
  },
  {
    // "GRANT" and "Privilege types" pages (Unity Catalog). The grammar takes any word as a
    // privilege; this takes the privileges Unity Catalog documents for catalogs, schemas and
    // tables, on one securable, to one backticked principal.
    lead: /^\s*GRANT\b/i,
    syntax: form(
      `GRANT\\s+${UC_PRIVILEGE}(?:\\s*,\\s*${UC_PRIVILEGE})*\\s+ON\\s+(?:CATALOG\\s+${IDENT}|SCHEMA\\s+${IDENT}|TABLE\\s+${IDENT}\\s*\\.\\s*${IDENT})\\s+TO\\s+\`(?:[^\`]|\`\`)+\``,
    ),
    expected: 'GRANT <privilege>[, ...] ON { CATALOG <catalog> | SCHEMA <schema> | TABLE <schema>.<table> } TO `<principal>`',
  },
  {
    // "LIST" page: the files of a volume folder (path, name, size, modification_time).
    lead: /^\s*LIST\b/i,
    syntax: form(`LIST\\s+${STRING}(?:\\s+LIMIT\\s+[0-9]+)?`),
    expected: "LIST '/Volumes/...' [LIMIT n]",
  },
  {
    // "DESCRIBE HISTORY" page (Delta). The grammar misreads HISTORY as a table name and refuses
    // the LIMIT; the name is two-part like every other table name the adapter writes.
    lead: /^\s*DESCRIBE\s+HISTORY\b/i,
    syntax: form(`DESCRIBE\\s+HISTORY\\s+${IDENT}\\s*\\.\\s*${IDENT}(?:\\s+LIMIT\\s+[0-9]+)?`),
    expected: 'DESCRIBE HISTORY <schema>.<table> [LIMIT n]',
  },
  {
    // "REMOVE" page (Databricks SQL Connector only; the driver sends the delete).
    lead: /^\s*REMOVE\b/i,
    syntax: form(`REMOVE\\s+${STRING}`),
    expected: "REMOVE '/Volumes/...'",
  },
];

/** A staging command (PUT/GET/REMOVE) with its string literals unescaped. */
export type StagingCommand =
  | { kind: 'PUT'; localPath: string; volumePath: string; overwrite: boolean }
  | { kind: 'GET'; volumePath: string; localPath: string }
  | { kind: 'REMOVE'; volumePath: string };

const PUT_PARTS = form(`PUT\\s+(${STRING})\\s+INTO\\s+(${STRING})(\\s+OVERWRITE)?`);
const GET_PARTS = form(`GET\\s+(${STRING})\\s+TO\\s+(${STRING})`);
const REMOVE_PARTS = form(`REMOVE\\s+(${STRING})`);

/** The staging command `sql` spells in its documented syntax, or null if it is not one. */
export function parseStagingCommand(sql: string): StagingCommand | null {
  const put = PUT_PARTS.exec(sql);
  if (put) {
    return { kind: 'PUT', localPath: unescapeSparkString(put[1]!), volumePath: unescapeSparkString(put[2]!), overwrite: put[3] !== undefined };
  }
  const get = GET_PARTS.exec(sql);
  if (get) return { kind: 'GET', volumePath: unescapeSparkString(get[1]!), localPath: unescapeSparkString(get[2]!) };
  const remove = REMOVE_PARTS.exec(sql);
  if (remove) return { kind: 'REMOVE', volumePath: unescapeSparkString(remove[1]!) };
  return null;
}

// "STRING type" page, and Spark's SparkParserUtils.unescapeSQLString, which also takes \uXXXX,
// \UXXXXXXXX and octal \[01][0-7][0-7]. Note \% and \_ keep their backslash (for LIKE patterns).
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '0': '\u0000', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\u001A', '%': '\\%', _: '\\_' };

/**
 * The value of one single-quoted Spark string literal (quotes included), as Spark reads it.
 * Spark has no doubled-quote escape: `'it''s'` lexes as the two literals 'it' and 's'.
 */
export function unescapeSparkString(literal: string): string {
  if (!new RegExp(`^${STRING}$`).test(literal)) throw new Error(`not a single Spark string literal: ${literal}`);
  const body = literal.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[01][0-7]{2}|[\s\S])/g, (_, escape: string) => {
    if (escape.length === 5) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (escape.length === 9) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (escape.length === 3) return String.fromCharCode(parseInt(escape, 8));
    return SIMPLE_ESCAPES[escape] ?? escape;
  });
}

function databricksOnlyProblem(sql: string): string | null | undefined {
  const command = DATABRICKS_ONLY.find((c) => c.lead.test(sql));
  if (!command) return undefined;
  const match = command.syntax.exec(sql);
  if (!match) return `expected ${command.expected}`;
  if (command.expression) {
    const errors = parser.validate(`SELECT ${command.expression(match)}`);
    if (errors.length > 0) return `the expression: ${errors.map((e) => e.message).join('; ')}`;
  }
  const staging = parseStagingCommand(sql);
  // The connector pages document volume paths as /Volumes/<catalog>/<schema>/<volume>/... (or
  // dbfs:/Volumes/..., which the adapter never writes, so it is refused here).
  if (staging && !staging.volumePath.startsWith('/Volumes/')) {
    return `volume path must start with /Volumes/: ${staging.volumePath}`;
  }
  return null;
}

/**
 * Why Databricks would refuse to parse `sql`, or null if the grammar accepts it.
 *
 * Known gaps of dt-sql-parser's Spark grammar, deliberately NOT worked around:
 * - It refuses three-part names (catalog.schema.table) as the target of the statements on the
 *   "INSERT", "CREATE TABLE [USING]", "MERGE INTO", "ALTER TABLE", "DELETE FROM", "UPDATE" and
 *   "DROP TABLE" pages, although the "Names" page allows them there (reads, e.g. SELECT ... FROM,
 *   do take them). The adapter opens sessions with initialCatalog and writes two-part
 *   `schema`.`table` names, so a three-part target failing here flags a departure from that rule.
 * - It reads "DESCRIBE QUERY <query>" ("DESCRIBE QUERY" page) as DESCRIBE of a table named QUERY
 *   followed by a second statement, which the one-statement rule below refuses; QUERY is optional
 *   there, and "DESCRIBE <query>" passes.
 * - It refuses Delta commands such as OPTIMIZE ("OPTIMIZE" page) and COPY INTO ("COPY INTO" page);
 *   nothing here accepts them.
 *
 * Checks beyond the parser, each something the server refuses or misreads:
 * - exactly one statement: the driver sends one per executeStatement, and Spark's entry rule is
 *   `singleStatement: statement ';'* EOF` (the parser alone accepts "a; b" and the empty string);
 * - no string literal immediately followed by another ('it''s'): Spark has no doubled-quote
 *   escape, so that is two literals concatenated to "its" ("STRING type" page) — quote with \'.
 */
export function sparkSqlProblem(sql: string): string | null {
  const databricksOnly = databricksOnlyProblem(sql);
  if (databricksOnly !== undefined) return databricksOnly;

  const errors = parser.validate(sql);
  if (errors.length > 0) {
    return errors.map((e) => `line ${e.startLine}:${e.startColumn} ${e.message}`).join('; ');
  }

  const statements = parser.splitSQLByStatement(sql) ?? [];
  if (statements.length === 0) return 'no statement';
  if (statements.length > 1) return `${statements.length} statements; the driver runs one per executeStatement`;

  const tokens = parser.getAllTokens(sql);
  for (let i = 1; i < tokens.length; i++) {
    const before = tokens[i - 1]!;
    const token = tokens[i]!;
    if (isQuotedString(before.text) && isQuotedString(token.text) && token.start === before.stop + 1) {
      return `adjacent string literals ${before.text}${token.text} concatenate in Spark; escape a quote as \\'`;
    }
  }
  return null;
}

/** A single-quoted literal token, raw (r'...') or not. */
function isQuotedString(text: string | null | undefined): boolean {
  return typeof text === 'string' && /^[rR]?'[\s\S]*'$/.test(text);
}

/** Throws when Databricks would refuse to parse `sql`, quoting the statement and the reason. */
export function assertSparkSql(sql: string): void {
  const problem = sparkSqlProblem(sql);
  if (problem === null) return;
  const quoted = sql.length > 200 ? `${sql.slice(0, 200)}…` : sql;
  throw new Error(`Spark SQL grammar refused ${JSON.stringify(quoted)}: ${problem}`);
}
