import { Client, type QueryResult } from 'pg';
import { inlineParameters } from './inline-parameters';

type Send = (text: string, values?: unknown[]) => Promise<unknown>;

const START_TRANSACTION = 'START TRANSACTION';

/**
 * The pool's connection class: pg's Client, plus two ways for the statement that sets a database
 * scope (database-scope.ts) to travel in the same message as other work, saving round trips.
 *
 * - A read scope (`beginReadScope` .. `endReadScope`): each query travels as one simple-protocol
 *   message, `<scope statement>; <query with its values inlined>`, which PostgreSQL runs as one
 *   implicit transaction. A scoped read is one round trip instead of four (BEGIN, the scope, the
 *   query, COMMIT), and the transaction-local settings end with the message. A query whose values
 *   cannot be inlined exactly (inline-parameters.ts) runs in an explicit transaction of its own.
 * - A transaction scope (`scopeNextTransaction`): the next statement must be TypeORM's
 *   START TRANSACTION, and it travels as `START TRANSACTION; <scope statement>`: a scoped
 *   transaction opens in one round trip instead of two.
 */
export class ScopedClient extends Client {
  private readScope: string | undefined;
  private transactionScope: string | undefined;

  constructor(...args: ConstructorParameters<typeof Client>) {
    super(...args);
    const send = this.query.bind(this) as (...queryArgs: unknown[]) => unknown;
    this.query = ((...queryArgs: unknown[]) => {
      if (this.readScope === undefined && this.transactionScope === undefined) return send(...queryArgs);
      const [text, values, callback] = queryArgs;
      if (typeof text !== 'string' || callback !== undefined || (values !== undefined && !Array.isArray(values))) {
        return Promise.reject(new Error('a scoped query takes SQL text and an array of values'));
      }
      if (this.transactionScope !== undefined) return this.openScopedTransaction(this.transactionScope, text, values, send as Send);
      return this.scopedRead(this.readScope!, text, values ?? [], send as Send);
    }) as Client['query'];
  }

  /** `statement` (one statement, no parameters) scopes every query until `endReadScope`. */
  beginReadScope(statement: string): void {
    this.assertUnscoped();
    this.readScope = statement;
  }

  endReadScope(): void {
    this.readScope = undefined;
  }

  /** `statement` (one statement, no parameters) travels with the START TRANSACTION that must come next. */
  scopeNextTransaction(statement: string): void {
    this.assertUnscoped();
    this.transactionScope = statement;
  }

  /** Drops a transaction scope that was never sent (the transaction failed to start). */
  endTransactionScope(): void {
    this.transactionScope = undefined;
  }

  private assertUnscoped(): void {
    if (this.readScope !== undefined || this.transactionScope !== undefined) throw new Error('this connection already carries a scope');
  }

  private async openScopedTransaction(scope: string, text: string, values: unknown[] | undefined, send: Send): Promise<QueryResult> {
    // Anything else first would run outside the scope the caller asked for.
    if (text !== START_TRANSACTION || (values !== undefined && values.length > 0)) {
      throw new Error(`a scoped transaction must start with ${START_TRANSACTION}`);
    }
    this.transactionScope = undefined;
    const results = (await send(`${START_TRANSACTION}; ${scope}`)) as QueryResult[];
    return results[0]!;
  }

  private async scopedRead(scope: string, text: string, values: unknown[], send: Send): Promise<QueryResult> {
    const inlined = inlineParameters(text, values);
    if (inlined === undefined) return this.readInOwnTransaction(scope, text, values, send);
    // pg answers a message of several statements with one result each: the scope's, then the query's
    // (inlineParameters declines a query of more than one statement).
    const results = (await send(`${scope}; ${inlined}`)) as QueryResult[];
    return results[1]!;
  }

  private async readInOwnTransaction(scope: string, text: string, values: unknown[], send: Send): Promise<QueryResult> {
    await send(`BEGIN; ${scope}`);
    try {
      const result = (await send(text, values)) as QueryResult;
      await send('COMMIT');
      return result;
    } catch (error) {
      await send('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}
