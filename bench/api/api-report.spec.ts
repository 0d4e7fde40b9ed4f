import { describe, expect, it } from 'vitest';
import { formatTable, summarize, type ScenarioName, type ScenarioRound } from './api-report';

const load = (requestsPerSecond: number, p99Ms = 10, unexpected = 0): ScenarioRound => ({ requestsPerSecond, p50Ms: p99Ms / 2, p99Ms, unexpected, requests: requestsPerSecond * 10 });

describe('bench/api report', () => {
  it('rates each scenario against the bare hello of its own round, then takes the median', () => {
    const rounds: Array<Record<ScenarioName, ScenarioRound>> = [
      { hello: load(8000), health: load(4000), pipelinesList: load(2000, 20, 1), runTrigger: load(800) },
      // A slow round for everything: the ratio stays what it is.
      { hello: load(4000), health: load(2000), pipelinesList: load(1000, 40), runTrigger: load(400) },
      { hello: load(8000), health: load(4000), pipelinesList: load(2400, 18), runTrigger: load(800) },
    ];
    const summary = summarize(rounds);
    expect(summary.hello.vsHello).toBe(1);
    expect(summary.health.vsHello).toBe(0.5);
    expect(summary.pipelinesList).toMatchObject({ requestsPerSecond: 2000, p99Ms: 20, vsHello: 0.25, unexpected: 1, requests: 54_000 });
    expect(formatTable(summary, { pipelinesList: 'GET /v1/pipelines' })).toContain('| GET /v1/pipelines | 2,000 | 0.25 | 10 | 20 | 1 |');
  });
});
