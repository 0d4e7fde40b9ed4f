import { describe, expect, it } from 'vitest';
import type { CostModel } from './cost-model';
import { costSavings, elapsedHours, pricingMethod } from './cost-report';
import type { CostTotals } from './run-costs.repository';

const model: CostModel = {
  embedded: { cpuSecondUsd: 0.0001 },
  databricks: { dbuUsd: 0.5, dbuPerNodeHour: 2, nodes: 5, vmUsdPerNodeHour: 0.4, spotWorkers: true, spotDiscount: 0.7, autoStopMinutes: 10 },
};
const totals = (overrides: Partial<CostTotals> = {}): CostTotals => ({
  runs: 4,
  cpuSeconds: 100,
  databricksRuns: 0,
  databricksHours: 0,
  bytesRead: 1_000_000,
  bytesSkipped: 250_000,
  bytesWritten: 0,
  rowsRead: 10,
  rowsWritten: 30,
  costUsd: 2,
  spotSavingsUsd: 0,
  sharedRuns: 0,
  databricksBilledUsd: 0,
  databricksHourlyUsd: 0,
  neverStoppingRuns: 0,
  ...overrides,
});

describe('costSavings', () => {
  it('prices skipped files at the period’s cost per byte read', () => {
    const savings = costSavings(totals(), 100);
    expect(savings.skippedFiles.usd).toBeCloseTo(0.5, 10);
    expect(savings.skippedFiles).toMatchObject({ bytesSkipped: 250_000 });
    expect(savings.skippedFiles.method).toContain('(250000) × the period\'s cost per byte read ($2.00 / 1000000 bytes)');
  });

  it('does not price skipped files when nothing was read', () => {
    expect(costSavings(totals({ bytesRead: 0 }), 100).skippedFiles).toMatchObject({ usd: 0, method: 'no bytes were read in the period, so skipped files are not priced' });
  });

  it('reports spot and auto-termination savings for Databricks runs only', () => {
    const embeddedOnly = costSavings(totals(), 100);
    expect(embeddedOnly.spot).toEqual({ usd: 0, method: 'no Databricks runs in the period' });
    expect(embeddedOnly.autoTermination).toEqual({ usd: 0, method: 'no Databricks runs in the period' });
    const databricks = costSavings(totals({ databricksRuns: 6, databricksHours: 3, spotSavingsUsd: 1.68, databricksHourlyUsd: 5.88, databricksBilledUsd: 23.52 }), 100);
    expect(databricks.spot).toEqual({ usd: 1.68, method: "per Databricks run: wall hours × worker nodes × VM price per node hour × the spot discount, by the run's compute spec" });
    // 100 h always on at $5.88 less the $23.52 billed (3 run hours and six 10-minute tails).
    expect(databricks.autoTermination.usd).toBeCloseTo(588 - 23.52, 6);
    expect(databricks.autoTermination.method).toContain('100.0 h × $5.88/h');
    expect(databricks.autoTermination.method).toContain('3.00 run hours of 6 runs');
    expect(costSavings(totals({ databricksRuns: 2, databricksHours: 1, neverStoppingRuns: 2, databricksHourlyUsd: 5, databricksBilledUsd: 5 }), 100).autoTermination).toEqual({
      usd: 0,
      method: 'the compute never stops by itself (auto-stop 0)',
    });
  });
});

describe('pricingMethod', () => {
  it('writes prices from a dollar up in cents, smaller ones to the millionth, and says nothing of spot without spot workers', () => {
    const method = pricingMethod({ ...model, databricks: { ...model.databricks, dbuUsd: 1, spotWorkers: false } });
    expect(method).toContain('× $1.00 per DBU');
    expect(method).toContain('+ $0.400000 VM per node hour), where nodes');
    expect(method).toContain("charged the whole process's CPU, an upper bound");
    expect(method).toContain("from the run's compute as read from the workspace's system tables");
  });

  it('states the prices and the rule for each engine', () => {
    const method = pricingMethod(model);
    expect(method).toContain('× $0.000100 per CPU second');
    expect(method).toContain("wall hours × 5 nodes × (2 DBU per node hour × $0.500000 per DBU + $0.400000 VM per node hour, workers' VMs on spot at 70% off)");
  });
});

describe('elapsedHours', () => {
  it('counts the hours of a period that have passed', () => {
    const from = new Date('2026-12-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    expect(elapsedHours(from, to, new Date('2026-12-02T12:00:00Z'))).toBe(36);
    expect(elapsedHours(from, to, new Date('2027-02-01T00:00:00Z'))).toBe(744);
    expect(elapsedHours(from, to, new Date('2026-11-01T00:00:00Z'))).toBe(0);
  });
});
