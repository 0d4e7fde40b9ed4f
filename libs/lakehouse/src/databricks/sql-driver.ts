/**
 * The part of @databricks/sql this engine uses, as structural subsets of the driver's own
 * `IDBSQLClient`, `IDBSQLSession` and `IOperation`: the real driver satisfies them (see
 * databricks-connection.ts), and tests put a double at exactly this boundary.
 */

export interface SqlDriverStatementOptions {
  /** Seconds before the server stops the statement (clusters; warehouses use the session's STATEMENT_TIMEOUT). */
  queryTimeout?: number;
  /** Local directories a staging PUT may read from; set only for the statements that upload a file. */
  stagingAllowedLocalPath?: string | string[];
}

export interface SqlDriverOperation {
  readonly id: string;
  fetchChunk(options?: { maxRows?: number }): Promise<object[]>;
  fetchAll(): Promise<object[]>;
  hasMoreRows(): Promise<boolean>;
  cancel(): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface SqlDriverSession {
  readonly id: string;
  executeStatement(statement: string, options?: SqlDriverStatementOptions): Promise<SqlDriverOperation>;
  close(): Promise<unknown>;
}

export interface SqlDriverSessionRequest {
  initialCatalog?: string;
  initialSchema?: string;
  /** Session configuration, e.g. `{ STATEMENT_TIMEOUT: '3600' }` on a SQL warehouse. */
  configuration?: Record<string, string>;
}

/** A connected client: one per workspace and HTTP path, sessions opened per job. */
export interface SqlDriverClient {
  openSession(request?: SqlDriverSessionRequest): Promise<SqlDriverSession>;
  close(): Promise<void>;
}
