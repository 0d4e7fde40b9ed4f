/**
 * The calls of one catalog session, run one after another: a session carries one connection
 * (DuckDB) or one driver session (Databricks), and an ingest's sequence of statements must not
 * interleave with another call on it. Once ended, new calls are refused.
 */
export class SessionCalls {
  #tail: Promise<unknown> = Promise.resolve();
  #ended = false;

  constructor(private readonly catalogName: string) {}

  get ended(): boolean {
    return this.#ended;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const call = this.#tail.then(() => {
      if (this.#ended) throw new Error(`catalog session '${this.catalogName}' is closed`);
      return work();
    });
    this.#tail = call.catch(() => undefined);
    return call;
  }

  /**
   * Refuses calls from now on, then runs `closing` after the calls already queued have ended; a
   * second end waits for the first. `beforeWaiting` runs at once (to cancel the call in flight).
   */
  end(closing: () => Promise<void>, beforeWaiting?: () => Promise<void>): Promise<void> {
    if (this.#ended) return this.#tail.then(() => undefined);
    this.#ended = true;
    const pending = this.#tail;
    const done = (async () => {
      await beforeWaiting?.();
      await pending;
      await closing();
    })();
    this.#tail = done.catch(() => undefined);
    return done;
  }
}
