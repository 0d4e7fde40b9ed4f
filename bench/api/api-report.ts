/** Statistics and the results table of bench/api; pure, so the spec can check them. */
import { median, round } from '../support/stats';

export type ScenarioName = 'hello' | 'health' | 'pipelinesList' | 'runTrigger';

/** What one load of one scenario measured (autocannon's figures, rounded). */
export interface ScenarioRound {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses with a status other than the expected one, and socket errors or timeouts. */
  unexpected: number;
  requests: number;
}

export interface ScenarioSummary extends ScenarioRound {
  /** Median over rounds of this scenario's req/s ÷ the bare hello's req/s in the same round. */
  vsHello: number;
}

/** Medians over rounds; the throughput ratio is taken round by round against that round's hello. */
export function summarize(rounds: ReadonlyArray<Record<ScenarioName, ScenarioRound>>): Record<ScenarioName, ScenarioSummary> {
  const names = Object.keys(rounds[0] ?? {}) as ScenarioName[];
  const summary = {} as Record<ScenarioName, ScenarioSummary>;
  for (const name of names) {
    const of = (pick: (r: ScenarioRound) => number) => median(rounds.map((r) => pick(r[name])));
    summary[name] = {
      requestsPerSecond: round(of((r) => r.requestsPerSecond)),
      p50Ms: round(of((r) => r.p50Ms), 1),
      p99Ms: round(of((r) => r.p99Ms), 1),
      unexpected: rounds.reduce((sum, r) => sum + r[name].unexpected, 0),
      requests: rounds.reduce((sum, r) => sum + r[name].requests, 0),
      vsHello: round(median(rounds.map((r) => r[name].requestsPerSecond / r.hello.requestsPerSecond)), 3),
    };
  }
  return summary;
}

export function formatTable(summary: Record<string, ScenarioSummary>, labels: Record<string, string>): string {
  const lines = ['| scenario | req/s | × bare hello | p50 ms | p99 ms | unexpected |', '|---|---:|---:|---:|---:|---:|'];
  for (const [name, s] of Object.entries(summary)) {
    lines.push(`| ${labels[name] ?? name} | ${s.requestsPerSecond.toLocaleString('en-US')} | ${s.vsHello.toFixed(2)} | ${s.p50Ms} | ${s.p99Ms} | ${s.unexpected} |`);
  }
  return lines.join('\n');
}
