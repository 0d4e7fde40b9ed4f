/**
 * Where an engine keeps the tables a judging pass builds for itself (the staged rows, the
 * ICD-10-CM intervals, the data-set rules' lookups). DuckDB keeps them as temp tables of the
 * session; Databricks SQL has no session temp tables, so there they are Delta tables of the
 * catalog's `_system` schema named for the run, dropped when it ends.
 */
export interface WorkTables {
  /** How a statement names the work table `name`. */
  ref(name: string): string;
  /** The work table `name` in a FROM clause, read under its own name (`src.column` still resolves). */
  from(name: string): string;
  /** The statement that (re)creates the work table `name` as the result of `query`. */
  createAs(name: string, query: string): string;
  drop(name: string): string;
  /** The statement that gives the work table `name` the name `to`. */
  rename(name: string, to: string): string;
}

/** The session's temp tables of DuckDB, named as they are. */
export const duckdbTempTables: WorkTables = {
  ref: (name) => name,
  from: (name) => name,
  createAs: (name, query) => `CREATE OR REPLACE TEMP TABLE ${name} AS ${query}`,
  drop: (name) => `DROP TABLE IF EXISTS ${name}`,
  rename: (name, to) => `ALTER TABLE ${name} RENAME TO ${to}`,
};
