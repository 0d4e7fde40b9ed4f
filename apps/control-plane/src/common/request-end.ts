import type { Response } from 'express';

/**
 * How a request ended, for those who record it: answered to a client still there; answered after
 * the client went away (the handler kept running and its change took effect); or never answered.
 */
export interface RequestEnd {
  clientGone: boolean;
  answered: boolean;
}

/** How long a request whose client went away is waited for before it is recorded as unanswered. */
const UNANSWERED_WAIT_MS = 30_000;

/**
 * Calls `then` once, when the request has ended. A client that resets the connection right after
 * sending does not stop the handler, so a request is not recorded when its socket closes but
 * when the handler answers (the caller and the status are known by then), or after UNANSWERED_WAIT_MS.
 */
export function whenRequestEnds(response: Response, then: (end: RequestEnd) => void): void {
  let done = false;
  let clientGone = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (end: RequestEnd): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    then(end);
  };
  const end = response.end;
  response.end = function (this: Response, ...args: Parameters<Response['end']>) {
    const result = end.apply(this, args);
    if (clientGone) finish({ clientGone: true, answered: true });
    return result;
  } as Response['end'];
  response.on('finish', () => finish({ clientGone: false, answered: true }));
  // 'close' also follows every 'finish'; without one, the client went away first.
  response.on('close', () => {
    if (done) return;
    clientGone = true;
    if (response.writableEnded) return finish({ clientGone: true, answered: true });
    timer = setTimeout(() => finish({ clientGone: true, answered: false }), UNANSWERED_WAIT_MS);
    timer.unref();
  });
}
