import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventData, QualityReport } from '@ade/contracts';

export const QUALITY_TABLE = 'healthcare_data.silver.professional_claims';

export interface RunFigures {
  rows?: number;
  mean?: number;
  median?: number;
  overall?: number;
  memberNullRate?: number;
  newProviders?: number;
}

/** A quality report as the worker's quality agent sends it: aggregates and masked shapes only. */
export function qualityReport(figures: RunFigures = {}, table = QUALITY_TABLE): QualityReport {
  const { rows = 1000, mean = 100, median = 80, overall = 0.95, memberNullRate = 0.01, newProviders = 2 } = figures;
  return {
    table,
    rows: { input: rows, silver: rows - 10, quarantined: 10, warned: 4, repaired: 3 },
    scores: { completeness: 0.98, validity: overall, uniqueness: 1, consistency: 0.97, overall },
    expectations: [
      {
        id: 'npi.check_digit:billing_npi',
        rule: 'npi.check_digit',
        family: 'code_validity',
        dimension: 'validity',
        action: 'drop',
        column: 'billing_npi',
        failed: 10,
        samples: ['9999999999'],
      },
    ],
    repairs: [{ repair: 'trim', column: 'member_id', count: 3 }],
    profile: {
      nullRates: { member_id: memberNullRate },
      amounts: { paid_amount: { count: rows, mean, median, mad: 12 } },
      providers: { distinct: 200, new: newProviders },
      newestServiceYear: 2026,
    },
  };
}

export function qualityMeasured(
  ids: { tenantId: string; runId: string; pipelineId: string },
  at: Date,
  figures: RunFigures = {},
  attempt = 1,
): EventData<'quality.measured'> {
  return { ...ids, attempt, at: at.toISOString(), report: qualityReport(figures) };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A webhook receiver on 127.0.0.1 that answers each request with the status `respond` picks,
 * given the path and how many times this event (X-ADE-Event-Id) has arrived there, this one included.
 */
export async function startReceiver(respond: (path: string, nth: number) => number) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const eventId = request.headers['x-ade-event-id'];
      const status = respond(path, requests.filter((r) => r.path === path && r.headers['x-ade-event-id'] === eventId).length + 1);
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
