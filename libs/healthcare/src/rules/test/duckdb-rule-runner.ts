import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckdbExpressions } from '../sql/expression-dialect';
import { loadReferenceTablesDuckDb } from '../../reference/load-duckdb';
import { icd10CmIntervalsTableSql, Icd10CmLookupJoins } from '../icd10cm-lookups';
import type { ReferenceTable, Rule, RuleInputs, SqlRenderContext, RuleEnvironment } from '../rule';

/** How the ICD-10-CM rules reach their reference intervals: a subquery of their own, or a join per code column. */
export type CodeLookups = 'subqueries' | 'joins';

/**
 * A private in-memory DuckDB with the reference tables loaded, that evaluates one rule's SQL over
 * a table of inputs in a single vectorized query, as the validation engine does.
 */
export class DuckDbRuleRunner {
  private tableNo = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly ref: (table: ReferenceTable) => string,
  ) {}

  static async open(): Promise<DuckDbRuleRunner> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '4' });
    const connection = await instance.connect();
    const ref = await loadReferenceTablesDuckDb(connection, 'ref');
    await connection.run(icd10CmIntervalsTableSql(ref));
    return new DuckDbRuleRunner(instance, connection, ref);
  }

  context(env: RuleEnvironment): SqlRenderContext {
    return { ...env, dialect: duckdbExpressions, ref: this.ref };
  }

  /** The SQL verdict for each input, in order: true, false, or null (a rendering bug). */
  async evaluate(
    rule: Rule,
    cases: readonly RuleInputs[],
    env: RuleEnvironment,
    /** Roles rendered as the SQL literal NULL (an unbound column) instead of reading the table. */
    unbound: readonly string[] = [],
    lookups: CodeLookups = 'subqueries',
  ): Promise<(boolean | null)[]> {
    const table = `cases_${(this.tableNo += 1)}`;
    const columns = rule.roles.map((_, index) => `r${index}`);
    await this.connection.run(`CREATE TEMP TABLE ${table} (id INTEGER, ${columns.map((c) => `${c} VARCHAR`).join(', ')})`);
    const appender = await this.connection.createAppender(table, 'main', 'temp');
    cases.forEach((inputs, id) => {
      appender.appendInteger(id);
      for (const role of rule.roles) {
        const value = inputs[role];
        if (value === null || value === undefined) appender.appendNull();
        else appender.appendVarchar(value);
      }
      appender.endRow();
    });
    appender.closeSync();
    const inputs = Object.fromEntries(rule.roles.map((role, index) => [role, unbound.includes(role) ? 'NULL' : `${table}.${columns[index]}`]));
    const rendered =
      lookups === 'joins'
        ? new Icd10CmLookupJoins().render(this.context(env), (context) => rule.sql(inputs, context))
        : { result: rule.sql(inputs, this.context(env)), joins: [] };
    // The interval table the joins read was built once, when the runner opened.
    const sql = `SELECT ${rendered.result} AS ok FROM ${[table, ...rendered.joins].join(' ')} ORDER BY id`;
    const result = await this.connection.runAndReadAll(sql);
    await this.connection.run(`DROP TABLE ${table}`);
    return result.getColumns()[0]!.map((value) => (value === null ? null : Boolean(value)));
  }

  async scalar(sql: string): Promise<unknown[]> {
    return (await this.connection.runAndReadAll(sql)).getColumns()[0]!;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
