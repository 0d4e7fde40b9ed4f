import { describe, expect, it } from 'vitest';
import { autoTerminationSavingsUsd, costModelSchema, databricksHourlyUsd, DEFAULT_COST_MODEL, priceRun, type CostModel } from './cost-model';

const spec: CostModel['databricks'] = { dbuUsd: 0.5, dbuPerNodeHour: 2, nodes: 5, vmUsdPerNodeHour: 0.4, spotWorkers: false, spotDiscount: 0.7, autoStopMinutes: 10 };
const model: CostModel = { embedded: { cpuSecondUsd: 0.0001 }, databricks: spec };

describe('databricksHourlyUsd', () => {
  it('is DBUs (nodes × DBU per node hour × DBU price) plus the nodes’ VMs', () => {
    // 5 × 2 × 0.5 = 5 in DBUs, 5 × 0.4 = 2 in VMs.
    expect(databricksHourlyUsd(spec)).toEqual({ onDemand: 7, actual: 7 });
  });

  it('discounts the workers’ VMs, not the driver’s nor the DBUs, on spot capacity', () => {
    const hourly = databricksHourlyUsd({ ...spec, spotWorkers: true });
    expect(hourly.onDemand).toBe(7);
    // 4 workers × 0.4 × 0.7 saved.
    expect(hourly.actual).toBeCloseTo(7 - 1.12, 10);
  });
});

describe('priceRun', () => {
  it('prices an embedded run by its worker CPU seconds, whatever its wall time', () => {
    expect(priceRun({ engine: 'embedded', cpuMs: 12_500 }, 999_999, model)).toEqual({ costUsd: 1.25 * 0.001, spotSavingsUsd: 0 });
  });

  it('prices a Databricks run by its wall time on the compute, with what spot saved', () => {
    expect(priceRun({ engine: 'databricks', cpuMs: 5 }, 1_800_000, model)).toEqual({ costUsd: 3.5, spotSavingsUsd: 0 });
    const spot = priceRun({ engine: 'databricks', cpuMs: 5 }, 1_800_000, { ...model, databricks: { ...spec, spotWorkers: true } });
    expect(spot.costUsd).toBeCloseTo(3.5 - 0.56, 10);
    expect(spot.spotSavingsUsd).toBeCloseTo(0.56, 10);
  });
});

describe('autoTerminationSavingsUsd', () => {
  it('is the always-on cost of the period less the runs and one idle tail each', () => {
    // 720 h always on vs 30 runs of 1 h + 10 min tails = 35 h: 685 h × $7.
    expect(autoTerminationSavingsUsd(720, 30, 30, spec)).toBeCloseTo(685 * 7, 6);
  });

  it('saves nothing when the compute never stops, or when runs and tails fill the period', () => {
    expect(autoTerminationSavingsUsd(720, 30, 30, { ...spec, autoStopMinutes: 0 })).toBe(0);
    expect(autoTerminationSavingsUsd(10, 60, 9, spec)).toBe(0);
  });
});

describe('costModelSchema', () => {
  it('accepts the default model and refuses negative prices, no nodes and a discount over 1, naming the field', () => {
    expect(costModelSchema.parse(DEFAULT_COST_MODEL)).toEqual(DEFAULT_COST_MODEL);
    const problems = (value: unknown) => costModelSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(problems({ ...model, embedded: { cpuSecondUsd: -1 } })).toEqual(['embedded.cpuSecondUsd']);
    expect(problems({ ...model, databricks: { ...spec, nodes: 0 } })).toEqual(['databricks.nodes']);
    expect(problems({ ...model, databricks: { ...spec, spotDiscount: 1.5 } })).toEqual(['databricks.spotDiscount']);
    expect(problems({ ...model, databricks: { ...spec, warehouse: 'x' } })).toEqual(['databricks']);
  });
});
