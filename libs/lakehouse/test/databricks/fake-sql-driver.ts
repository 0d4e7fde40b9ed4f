/**
 * A test double for @databricks/sql at the session boundary (SqlDriverClient and friends).
 *
 * It behaves like the driver where the adapter can observe it: every statement must pass the Spark
 * grammar check, statements are recorded, answers come from responders the test registers, a
 * statement can be held running so the test can close or cancel around it, and staging PUT/GET/
 * REMOVE move bytes between local files and an in-memory volume the way DBSQLSession.js does.
 *
 * Rows are whatever the responder returns: plain objects keyed by column name, as the driver
 * gives them (BIGINT as a JS number by default, STRING as string).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import HiveDriverError from '@databricks/sql/dist/errors/HiveDriverError';
import OperationStateError, { OperationStateErrorCode } from '@databricks/sql/dist/errors/OperationStateError';
import StagingError from '@databricks/sql/dist/errors/StagingError';
import { TOperationState, TStatusCode, type TGetOperationStatusResp } from '@databricks/sql/thrift/TCLIService_types';
import type {
  SqlDriverClient,
  SqlDriverOperation,
  SqlDriverSession,
  SqlDriverSessionRequest,
  SqlDriverStatementOptions,
} from '../../src/databricks/sql-driver';
import { assertSparkSql, parseStagingCommand, type StagingCommand } from '@ade/testing/spark-sql';

export type StatementMatch = RegExp | ((sql: string) => boolean);
export type ReplyValue = object[] | Error;
export type Reply = ReplyValue | ((sql: string, options: SqlDriverStatementOptions, session: FakeSqlSession) => ReplyValue | Promise<ReplyValue>);

export interface AnswerOptions {
  /**
   * Where an Error reply surfaces: from executeStatement (default) or from fetchAll/fetchChunk.
   * The real driver does both: the server refuses some statements at submission, others fail while
   * running and the driver reports that when results are fetched.
   */
  at?: 'execute' | 'fetch';
}

export interface RecordedStatement {
  sql: string;
  options: SqlDriverStatementOptions;
  sessionId: string;
}

export interface GrammarFailure {
  sql: string;
  sessionId: string;
  error: Error;
}

/** Holds matching statements running until released; see FakeSqlDriver.hold. */
export interface HoldController {
  /** Lets held statements (and later matching ones) finish. */
  release(): void;
  readonly released: boolean;
  /** Resolves with the first held operation once a matching statement has been submitted. */
  readonly reached: Promise<FakeSqlOperation>;
}

/**
 * An error shaped like the one the driver throws when the server fails a running statement:
 * OperationStateError ERROR, the server's message (which starts with its `[ERROR_CLASS]`) as the
 * message and in the response.
 */
export function serverError(message: string, sqlState?: string): OperationStateError {
  const response: TGetOperationStatusResp = {
    status: { statusCode: TStatusCode.SUCCESS_STATUS },
    operationState: TOperationState.ERROR_STATE,
    errorMessage: message,
    displayMessage: message,
    ...(sqlState === undefined ? {} : { sqlState }),
  };
  return new OperationStateError(OperationStateErrorCode.Error, response);
}

/** The driver's fetchChunk page size when none is asked for (DBSQLClient's fetchChunkDefaultMaxRows). */
const DEFAULT_MAX_ROWS = 100_000;

/** How a statement ended; never a rejected promise, so nothing goes unhandled while a test waits. */
type Outcome = { rows: object[] } | { error: Error };

export class FakeSqlOperation implements SqlDriverOperation {
  /** cancel() was called. */
  cancelled = false;
  /** close() was called, by the adapter or by its session closing (the driver closes them too). */
  closed = false;
  private stoppedAs: OperationStateErrorCode.Canceled | OperationStateErrorCode.Closed | undefined;
  private signalStopped!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.signalStopped = resolve));
  private readonly outcome: Promise<Outcome>;
  private cursor = 0;

  constructor(
    readonly id: string,
    readonly sql: string,
    readonly sessionId: string,
    /** Resolves when the statement may finish (a hold's release); the work runs only after it. */
    gate: Promise<void>,
    work: () => Promise<Outcome>,
  ) {
    this.outcome = gate.then(() => (this.stoppedAs ? { error: new OperationStateError(this.stoppedAs) } : work()));
  }

  async fetchChunk(options?: { maxRows?: number }): Promise<object[]> {
    const outcome = await this.finished();
    if ('error' in outcome) throw outcome.error;
    const chunk = outcome.rows.slice(this.cursor, this.cursor + (options?.maxRows ?? DEFAULT_MAX_ROWS));
    this.cursor += chunk.length;
    return chunk;
  }

  /** As DBSQLOperation.fetchAll: chunks until hasMoreRows() says the result is drained. */
  async fetchAll(): Promise<object[]> {
    const rows: object[] = [];
    do rows.push(...(await this.fetchChunk()));
    while (await this.hasMoreRows());
    return rows;
  }

  async hasMoreRows(): Promise<boolean> {
    if (this.stoppedAs) return false; // as the driver: a closed or cancelled operation has no more rows
    const outcome = await this.finished();
    if ('error' in outcome) throw outcome.error;
    return this.cursor < outcome.rows.length;
  }

  /** Like the driver, a no-op once the operation is closed or cancelled (but still recorded). */
  async cancel(): Promise<void> {
    this.cancelled = true;
    this.stop(OperationStateErrorCode.Canceled);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop(OperationStateErrorCode.Closed);
  }

  /** The statement's outcome once it has finished; rejects as the driver does if stopped first. */
  async finished(): Promise<Outcome> {
    this.failIfStopped();
    const outcome = await Promise.race([this.outcome, this.stopped.then(() => undefined)]);
    this.failIfStopped();
    if (outcome === undefined) throw new Error('unreachable: stopped without a reason');
    return outcome;
  }

  private stop(as: OperationStateErrorCode.Canceled | OperationStateErrorCode.Closed): void {
    if (this.stoppedAs) return;
    this.stoppedAs = as;
    this.signalStopped();
  }

  /** DBSQLOperation.failIfClosed: fetching from a closed or cancelled operation is an error. */
  private failIfStopped(): void {
    if (this.stoppedAs) throw new OperationStateError(this.stoppedAs);
  }
}

type StatementRunner = (session: FakeSqlSession, sql: string, options: SqlDriverStatementOptions) => Promise<FakeSqlOperation>;

export class FakeSqlSession implements SqlDriverSession {
  readonly statements: RecordedStatement[] = [];
  readonly operations: FakeSqlOperation[] = [];
  closed = false;

  constructor(
    readonly id: string,
    /** What openSession was asked for (initialCatalog, configuration, ...). */
    readonly request: SqlDriverSessionRequest,
    private readonly run: StatementRunner,
  ) {}

  async executeStatement(statement: string, options: SqlDriverStatementOptions = {}): Promise<FakeSqlOperation> {
    return this.run(this, statement, { ...options });
  }

  /** As DBSQLSession.close: closes the session's operations first, and is a no-op the second time. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const operation of this.operations) await operation.close();
    this.closed = true;
  }
}

interface Responder {
  match: StatementMatch;
  reply: Reply;
  at: 'execute' | 'fetch';
}

class Hold implements HoldController {
  released = false;
  readonly gate: Promise<void>;
  readonly reached: Promise<FakeSqlOperation>;
  private open!: () => void;
  private arrive!: (operation: FakeSqlOperation) => void;

  constructor(readonly match: StatementMatch) {
    this.gate = new Promise((resolve) => (this.open = resolve));
    this.reached = new Promise((resolve) => (this.arrive = resolve));
  }

  release(): void {
    this.released = true;
    this.open();
  }

  held(operation: FakeSqlOperation): void {
    this.arrive(operation); // only the first call counts: a promise settles once
  }
}

export class FakeSqlDriver implements SqlDriverClient {
  readonly sessions: FakeSqlSession[] = [];
  /** Statements that passed the grammar check, in order, across sessions. */
  readonly statements: RecordedStatement[] = [];
  /** Every operation handed to the adapter. */
  readonly operations: FakeSqlOperation[] = [];
  /** Statements the grammar check refused; a test that expects none can assert this is empty. */
  readonly grammarFailures: GrammarFailure[] = [];
  /** Files in volumes, by volume path (/Volumes/<catalog>/<schema>/<volume>/...). */
  readonly volume = new Map<string, Buffer>();
  closed = false;

  private readonly responders: Responder[] = [];
  private readonly holds: Hold[] = [];
  private sessionRefusal: Error | undefined;
  private operationCount = 0;

  async openSession(request: SqlDriverSessionRequest = {}): Promise<FakeSqlSession> {
    if (this.closed) throw new HiveDriverError('DBSQLClient: not connected');
    const refusal = this.sessionRefusal;
    if (refusal) {
      this.sessionRefusal = undefined;
      throw refusal;
    }
    const session = new FakeSqlSession(`session-${this.sessions.length + 1}`, request, (s, sql, options) => this.execute(s, sql, options));
    this.sessions.push(session);
    return session;
  }

  /** As DBSQLClient.close: closes its sessions (and so their operations). */
  async close(): Promise<void> {
    for (const session of this.sessions) await session.close();
    this.closed = true;
  }

  /** The next openSession rejects with `error` (once). */
  refuseSessions(error: Error): void {
    this.sessionRefusal = error;
  }

  /**
   * Answers statements that `match`; the most recently registered matching responder wins and
   * unmatched statements answer no rows. A responder also overrides the fake's own handling of
   * staging PUT/GET/REMOVE, so a test can make an upload fail.
   */
  answer(match: StatementMatch, reply: Reply, options: AnswerOptions = {}): this {
    this.responders.push({ match, reply, at: options.at ?? 'execute' });
    return this;
  }

  /**
   * Keeps matching statements running until release(), or until their operation is cancelled or
   * closed (then fetching rejects with OperationStateError CANCELED or CLOSED, as the driver's
   * does). A held statement has been submitted, so executeStatement resolves at once — except for
   * staging statements, whose executeStatement waits for the result as the driver's does — and an
   * Error reply to it surfaces from fetch.
   */
  hold(match: StatementMatch): HoldController {
    const hold = new Hold(match);
    this.holds.push(hold);
    return hold;
  }

  private async execute(session: FakeSqlSession, sql: string, options: SqlDriverStatementOptions): Promise<FakeSqlOperation> {
    // DBSQLSession.failIfClosed, before anything reaches the server.
    if (session.closed) throw new HiveDriverError('The session was closed or has expired');
    try {
      assertSparkSql(sql);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      this.grammarFailures.push({ sql, sessionId: session.id, error: failure });
      throw failure;
    }
    const statement = { sql, options, sessionId: session.id };
    this.statements.push(statement);
    session.statements.push(statement);

    const responder = this.responders.findLast((r) => matches(r.match, sql));
    // The driver transfers files only when stagingAllowedLocalPath is set (DBSQLSession.executeStatement).
    const staging = responder ? null : parseStagingCommand(sql);
    const transfers = staging !== null && options.stagingAllowedLocalPath !== undefined;
    const work = (): Promise<Outcome> => {
      if (responder) return settle(() => replyFor(responder.reply, sql, options, session));
      if (staging) return settle(() => (transfers ? this.stage(staging, options.stagingAllowedLocalPath ?? []) : [stagingRow(staging)]));
      return Promise.resolve({ rows: [] });
    };

    const hold = this.holds.find((h) => !h.released && matches(h.match, sql));
    if (!hold) {
      const outcome = await work();
      // Staging failures (no responder) reach the adapter from executeStatement too: the driver
      // makes the transfer before executeStatement resolves.
      if ('error' in outcome && responder?.at !== 'fetch') throw outcome.error;
      return this.register(session, sql, Promise.resolve(), () => Promise.resolve(outcome));
    }

    const operation = this.register(session, sql, hold.gate, work);
    hold.held(operation);
    if (transfers) {
      const outcome = await operation.finished();
      if ('error' in outcome) throw outcome.error;
    }
    return operation;
  }

  private register(session: FakeSqlSession, sql: string, gate: Promise<void>, work: () => Promise<Outcome>): FakeSqlOperation {
    const operation = new FakeSqlOperation(`operation-${++this.operationCount}`, sql, session.id, gate, work);
    this.operations.push(operation);
    session.operations.push(operation);
    return operation;
  }

  /**
   * The transfer the driver makes after the server answers a staging statement. The local path is
   * checked as DBSQLSession.handleStagingOperation does: path.relative from each allowed path must
   * not climb out ('..') nor be absolute. Returns the rows left to fetch: none, the driver has
   * consumed the server's one staging row.
   */
  private async stage(command: StagingCommand, allowed: string | string[]): Promise<object[]> {
    const allowedPaths = Array.isArray(allowed) ? allowed : [allowed];
    if (command.kind !== 'REMOVE' && !isAllowedLocalPath(command.localPath, allowedPaths)) {
      throw new StagingError('Staging path not a subset of allowed local paths.');
    }
    switch (command.kind) {
      case 'PUT':
        // "PUT INTO" page: without OVERWRITE an existing file is an error.
        if (!command.overwrite && this.volume.has(command.volumePath)) {
          throw serverError(`[FAKE_FILE_ALREADY_EXISTS] ${command.volumePath} exists and the PUT has no OVERWRITE`);
        }
        this.volume.set(command.volumePath, await readFile(command.localPath));
        return [];
      case 'GET': {
        const bytes = this.volume.get(command.volumePath);
        if (!bytes) throw serverError(`[FAKE_FILE_NOT_FOUND] ${command.volumePath} is not in the volume`);
        await writeFile(command.localPath, bytes);
        return [];
      }
      case 'REMOVE':
        // Lenient, like the driver, which takes a 404 on delete as success (handleStagingRemove).
        this.volume.delete(command.volumePath);
        return [];
    }
  }
}

function matches(match: StatementMatch, sql: string): boolean {
  // search() ignores lastIndex, so a /g or /y pattern still matches every time.
  return typeof match === 'function' ? match(sql) : sql.search(match) !== -1;
}

async function replyFor(reply: Reply, sql: string, options: SqlDriverStatementOptions, session: FakeSqlSession): Promise<object[]> {
  const value = typeof reply === 'function' ? await reply(sql, options, session) : reply;
  if (value instanceof Error) throw value;
  return [...value];
}

/** Runs `produce` and captures a throw or rejection as the statement's error. */
async function settle(produce: () => object[] | Promise<object[]>): Promise<Outcome> {
  try {
    return { rows: await produce() };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function isAllowedLocalPath(localFile: string, allowedPaths: string[]): boolean {
  return allowedPaths.some((allowed) => {
    const relative = path.relative(allowed, localFile);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

/**
 * What the server answers a staging statement with when the driver is not told to transfer
 * (no stagingAllowedLocalPath): one row describing the transfer, which then never happens.
 */
function stagingRow(command: StagingCommand): object {
  return {
    operation: command.kind,
    ...(command.kind === 'REMOVE' ? {} : { localFile: command.localPath }),
    presignedUrl: `https://fake-staging.invalid${encodeURI(command.volumePath)}`,
    headers: {},
  };
}
