import type { Row } from '../lakehouse.port';
import type { SqlDriverOperation, SqlDriverSession, SqlDriverStatementOptions } from './sql-driver';

/** Rows are fetched in pages of this many, so a large answer arrives as it is read. */
const FETCH_PAGE_ROWS = 10_000;

/**
 * Runs statements on one driver session: each operation is closed once read (or failed), the
 * statement timeout goes with every statement, and `cancel()` stops the one in flight (the
 * session is closing because its job stopped).
 */
export class StatementRunner {
  #current: SqlDriverOperation | null = null;
  /** Set once the session is closing: a statement still being submitted is cancelled as soon as it arrives. */
  #cancelled = false;

  constructor(
    private readonly session: SqlDriverSession,
    private readonly statementTimeoutSeconds: number,
  ) {}

  async rows<T extends Row = Row>(sql: string, options: SqlDriverStatementOptions = {}): Promise<T[]> {
    const operation = await this.session.executeStatement(sql, { queryTimeout: this.statementTimeoutSeconds, ...options });
    this.#current = operation;
    try {
      if (this.#cancelled) await operation.cancel();
      const rows: object[] = [];
      do {
        rows.push(...(await operation.fetchChunk({ maxRows: FETCH_PAGE_ROWS })));
      } while (await operation.hasMoreRows());
      return rows as T[];
    } finally {
      this.#current = null;
      await operation.close().catch(() => undefined);
    }
  }

  async first<T extends Row = Row>(sql: string, options?: SqlDriverStatementOptions): Promise<T | undefined> {
    return (await this.rows<T>(sql, options))[0];
  }

  /** Asks the server to stop the statement in flight (or about to be), for good: its reader then fails as cancelled. */
  async cancel(): Promise<void> {
    this.#cancelled = true;
    await this.#current?.cancel().catch(() => undefined);
  }
}
