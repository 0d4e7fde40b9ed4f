import type { IncomingMessage } from 'node:http';
import { BlockedTargetError, outboundRequest } from '../common/outbound-target';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowPrivateTargets: boolean;
}

export type WebhookResponse =
  | { ok: true; statusCode: number }
  | { ok: false; statusCode: number | null; error: string; retryable: boolean };

/**
 * One POST of a webhook body. 2xx is success; anything else, a network error or the timeout
 * (connection to last byte) is a failure to retry, except a target that resolves only to blocked
 * addresses. Redirects are not followed. The response body is read and thrown away: it is the
 * receiver's, and never stored.
 */
export function postWebhook(req: WebhookRequest): Promise<WebhookResponse> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = outboundRequest(
      new URL(req.url),
      req.allowPrivateTargets,
      { method: 'POST', headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) } },
      (response: IncomingMessage) => {
        const statusCode = response.statusCode ?? 0;
        response.on('error', (error) => finish(failure(error, statusCode)));
        response.on('end', () =>
          finish(statusCode >= 200 && statusCode < 300 ? { ok: true, statusCode } : { ok: false, statusCode, error: `HTTP ${statusCode}`, retryable: true }),
        );
        response.resume();
      },
    );
    if (!request) return resolve(failure(new BlockedTargetError('target is a blocked address'), null));
    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `timed out after ${req.timeoutMs} ms`, retryable: true });
      request.destroy();
    }, req.timeoutMs);
    request.on('error', (error) => finish(failure(error, null)));
    request.end(req.body);
  });
}

function failure(error: Error, statusCode: number | null): WebhookResponse {
  if (error instanceof BlockedTargetError) return { ok: false, statusCode, error: 'target address is blocked (loopback, private or reserved)', retryable: false };
  const code = (error as NodeJS.ErrnoException).code;
  // Codes only: a message could quote the URL, which may hold a token.
  return { ok: false, statusCode, error: code ? `network error (${code})` : 'network error', retryable: true };
}
