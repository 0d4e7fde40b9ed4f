import { describe, expect, it } from 'vitest';
import { assertSparkSql, parseStagingCommand, sparkSqlProblem, unescapeSparkString } from './spark-grammar';

describe('sparkSqlProblem', () => {
  // The statement shapes the Databricks adapter is expected to send.
  it.each([
    'SET STATEMENT_TIMEOUT = 300',
    // QUERY is optional in DESCRIBE QUERY ("DESCRIBE QUERY" page); the grammar only takes it without.
    "DESCRIBE SELECT * FROM read_files('/Volumes/a/b/c/x.csv', format => 'csv', header => true)",
    "MERGE INTO `_system`.`t` AS t USING (SELECT 'a' AS k) AS s ON t.k = s.k WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)",
    'INSERT INTO `bronze`.`t` BY NAME SELECT * FROM `bronze`.`t_staging`',
    'ALTER TABLE `bronze`.`t` ADD COLUMNS (`x` STRING)',
    "CREATE TABLE IF NOT EXISTS `_system`.`t` (a STRING NOT NULL, b BIGINT, c TIMESTAMP) USING DELTA TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')",
    "SELECT to_json(named_struct('a', x))",
    'SELECT count_if(x) FROM t',
    'SELECT unix_millis(recorded_at) FROM t',
    "SELECT * FROM `bronze`.`t` TIMESTAMP AS OF '2024-05-01T00:00:00Z'",
    'SELECT * FROM `bronze`.`t` VERSION AS OF 3',
    // Reads may name the catalog: only write targets hit the grammar's three-part gap.
    'SELECT * FROM `healthcare`.`bronze`.`t`',
    "SELECT 'O\\'Connell', `odd``name` FROM `s`.`t`;",
    'CREATE SCHEMA IF NOT EXISTS `bronze`',
    'DELETE FROM `bronze`.`t` WHERE a = 1',
    'GRANT USE CATALOG ON CATALOG `tenant_42` TO `payer analysts`',
    'GRANT SELECT ON SCHEMA `silver` TO `phi.readers@payer`',
  ])('accepts %s', (sql) => {
    expect(sparkSqlProblem(sql)).toBeNull();
  });

  it.each([
    'CREATE CATALOG IF NOT EXISTS `tenant_42`',
    'create catalog healthcare',
    "CREATE VOLUME IF NOT EXISTS `_system`.`staging` COMMENT 'uploads for tenant \\'42\\''",
    'CREATE VOLUME `bronze`.`v`',
    "PUT '/tmp/ade/upload-1.csv' INTO '/Volumes/c/_system/staging/upload-1.csv' OVERWRITE",
    "PUT '/tmp/a b.csv' INTO '/Volumes/c/s/v/a b.csv';",
    "GET '/Volumes/c/s/v/x.csv' TO '/tmp/x.csv'",
    "REMOVE '/Volumes/c/s/v/x.csv'",
    "LIST '/Volumes/c/_system/landing/export-1/out'",
    'DESCRIBE HISTORY `silver`.`claims` LIMIT 1',
    "ALTER TABLE `silver`.`claims` ALTER COLUMN `member_id` SET TAGS ('phi' = 'true')",
    "ALTER TABLE `s`.`t` ALTER COLUMN `a b` SET TAGS ('phi' = 'true', 'owner' = 'payer')",
    'ALTER TABLE `silver`.`claims` ALTER COLUMN `member_id` SET MASK `_system`.`phi_mask`',
    "CREATE OR REPLACE FUNCTION `_system`.`phi_mask`(value STRING) RETURNS STRING RETURN CASE WHEN current_user() = 'sp' OR is_account_group_member('g') THEN value ELSE NULL END",
    'CREATE FUNCTION `s`.`f`(a INT, b INT) RETURNS INT RETURN a + b',
  ])('accepts the Databricks-only command %s', (sql) => {
    expect(sparkSqlProblem(sql)).toBeNull();
  });

  it.each([
    ['a truncated statement', 'SELECT a, b FROM', /incomplete/],
    ['a truncated MERGE', 'MERGE INTO `s`.`t` AS t USING (SELECT 1 AS k) AS s ON t.k = s.k WHEN', /line 1/],
    ['a three-part INSERT target', 'INSERT INTO `healthcare`.`bronze`.`t` SELECT 1', /'\.' is not valid/],
    ['a three-part CREATE TABLE target', 'CREATE TABLE IF NOT EXISTS `c`.`s`.`t` (a STRING) USING DELTA', /'\.' is not valid/],
    ['a three-part MERGE target', "MERGE INTO `c`.`s`.`t` AS t USING (SELECT 'a' AS k) AS s ON t.k = s.k WHEN MATCHED THEN DELETE", /'\.' is not valid/],
    ['a three-part ALTER target', 'ALTER TABLE `c`.`s`.`t` ADD COLUMNS (`x` STRING)', /'\.' is not valid/],
    ['a three-part DELETE target', 'DELETE FROM `c`.`s`.`t` WHERE a = 1', /'\.' is not valid/],
    ['an unescaped quote', "SELECT * FROM `s`.`t` WHERE name = 'O'Connell'", /not valid/],
    ['a doubled quote, which Spark reads as two literals', "SELECT * FROM `s`.`t` WHERE name = 'O''Connell'", /adjacent string literals/],
    ['two statements', 'SELECT 1; SELECT 2', /2 statements/],
    // The grammar needs no semicolon between statements, so juxtaposed ones must be counted.
    ['two statements without a semicolon', 'CREATE SCHEMA IF NOT EXISTS `a` CREATE SCHEMA IF NOT EXISTS `b`', /2 statements/],
    // A grammar gap: it reads QUERY as a table name, then the query as a second statement.
    ['DESCRIBE QUERY <query>', "DESCRIBE QUERY SELECT * FROM read_files('/Volumes/a/b/c/x.csv', format => 'csv', header => true)", /2 statements/],
    ['an empty statement', '  -- nothing ', /no statement/],
    ['CREATE CATALOG with a qualified name', 'CREATE CATALOG `a`.`b`', /expected CREATE CATALOG/],
    ['a three-part volume name', 'CREATE VOLUME `c`.`s`.`v`', /expected CREATE VOLUME/],
    ['PUT without a /Volumes path', "PUT '/tmp/x.csv' INTO '/tmp/elsewhere/x.csv' OVERWRITE", /must start with \/Volumes\//],
    ['PUT into a dbfs: path', "PUT '/tmp/x.csv' INTO 'dbfs:/Volumes/c/s/v/x.csv'", /must start with \/Volumes\//],
    ['PUT with an unescaped quote', "PUT '/tmp/it's.csv' INTO '/Volumes/c/s/v/x.csv'", /expected PUT/],
    ['PUT with a doubled quote', "PUT '/tmp/it''s.csv' INTO '/Volumes/c/s/v/x.csv'", /expected PUT/],
    ['PUT with an unquoted path', 'PUT /tmp/x.csv INTO /Volumes/c/s/v/x.csv', /expected PUT/],
    ['GET from outside a volume', "GET '/tmp/x.csv' TO '/tmp/y.csv'", /must start with \/Volumes\//],
    ['REMOVE of two paths', "REMOVE '/Volumes/c/s/v/a' '/Volumes/c/s/v/b'", /expected REMOVE/],
    ['a Delta command the grammar lacks', 'OPTIMIZE `s`.`t`', /incomplete/],
    ['SET TAGS on a three-part table', "ALTER TABLE `c`.`s`.`t` ALTER COLUMN `a` SET TAGS ('phi' = 'true')", /expected ALTER TABLE/],
    ['SET TAGS without a value', "ALTER TABLE `s`.`t` ALTER COLUMN `a` SET TAGS ('phi')", /expected ALTER TABLE/],
    ['DESCRIBE HISTORY of a three-part name', 'DESCRIBE HISTORY `c`.`s`.`t`', /expected DESCRIBE HISTORY/],
    ['SET MASK with an unqualified function', 'ALTER TABLE `s`.`t` ALTER COLUMN `a` SET MASK `phi_mask`', /expected ALTER TABLE/],
    ['SET MASK on a three-part table', 'ALTER TABLE `c`.`s`.`t` ALTER COLUMN `a` SET MASK `s`.`f`', /expected ALTER TABLE/],
    ['a SQL function without RETURNS', 'CREATE FUNCTION `s`.`f`(a STRING) RETURN a', /expected CREATE/],
    ['a SQL function whose expression does not parse', "CREATE FUNCTION `s`.`f`(a STRING) RETURNS STRING RETURN CASE WHEN a = 'x' THEN a", /the expression/],
    ['a GRANT of a privilege that does not exist', 'GRANT SELEKT ON SCHEMA `silver` TO `g`', /expected GRANT/],
    ['a GRANT to an unquoted principal', 'GRANT SELECT ON SCHEMA `silver` TO readers', /expected GRANT/],
  ])('refuses %s', (_, sql, reason) => {
    expect(sparkSqlProblem(sql)).toMatch(reason);
  });
});

describe('assertSparkSql', () => {
  it('passes a valid statement', () => {
    expect(() => assertSparkSql('SELECT 1')).not.toThrow();
  });

  it('quotes the first 200 characters of the statement and the parser message', () => {
    const sql = `SELECT ${Array.from({ length: 100 }, (_, i) => `c${i}`).join(', ')} FROM`;
    const error = captureError(() => assertSparkSql(sql));
    expect(error.message).toContain(JSON.stringify(`${sql.slice(0, 200)}…`));
    expect(error.message).not.toContain(sql.slice(0, 201));
    expect(error.message).toMatch(/Statement is incomplete/);
  });
});

describe('staging literals', () => {
  it('parses PUT, GET and REMOVE with their literals unescaped', () => {
    expect(parseStagingCommand("put '/tmp/it\\'s.csv' into '/Volumes/c/s/v/x.csv' overwrite")).toEqual({
      kind: 'PUT',
      localPath: "/tmp/it's.csv",
      volumePath: '/Volumes/c/s/v/x.csv',
      overwrite: true,
    });
    expect(parseStagingCommand("PUT '/tmp/a' INTO '/Volumes/c/s/v/a'")).toMatchObject({ overwrite: false });
    expect(parseStagingCommand("GET '/Volumes/c/s/v/a' TO '/tmp/a'")).toEqual({ kind: 'GET', volumePath: '/Volumes/c/s/v/a', localPath: '/tmp/a' });
    expect(parseStagingCommand("REMOVE '/Volumes/c/s/v/a';")).toEqual({ kind: 'REMOVE', volumePath: '/Volumes/c/s/v/a' });
    expect(parseStagingCommand('SELECT 1')).toBeNull();
  });

  it('unescapes as Spark does', () => {
    expect(unescapeSparkString("'a\\\\b'")).toBe('a\\b');
    expect(unescapeSparkString("'\\n\\t\\0\\Z'")).toBe('\n\t\u0000\u001A');
    expect(unescapeSparkString("'\\u00e9\\U0001F600\\101'")).toBe('é😀A');
    // \% and \_ keep the backslash (for LIKE patterns); any other escaped character stands for itself.
    expect(unescapeSparkString("'\\%\\_\\q'")).toBe('\\%\\_q');
    expect(() => unescapeSparkString("'it''s'")).toThrow(/not a single Spark string literal/);
  });
});

function captureError(fn: () => void): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected an Error');
}
