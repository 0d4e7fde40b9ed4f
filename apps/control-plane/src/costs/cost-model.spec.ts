import { describe, expect, it } from 'vitest';
import { autoTerminationSavingsUsd, costModelSchema, databricksHourlyUsd, DEFAULT_COST_MODEL, effectiveSpec, priceRun, type CostModel } from './cost-model';

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
    expect(priceRun({ engine: 'embedded', cpuMs: 12_500 }, 999_999, model)).toEqual({ costUsd: 1.25 * 0.001, spotSavingsUsd: 0, hourlyUsd: null, autoStopMinutes: null });
  });

  it('prices a Databricks run by its wall time on the compute, with what spot saved', () => {
    expect(priceRun({ engine: 'databricks', cpuMs: 5 }, 1_800_000, model)).toEqual({ costUsd: 3.5, spotSavingsUsd: 0, hourlyUsd: 7, autoStopMinutes: 10 });
    const spot = priceRun({ engine: 'databricks', cpuMs: 5 }, 1_800_000, { ...model, databricks: { ...spec, spotWorkers: true } });
    expect(spot.costUsd).toBeCloseTo(3.5 - 0.56, 10);
    expect(spot.spotSavingsUsd).toBeCloseTo(0.56, 10);
  });
});

describe('autoTerminationSavingsUsd', () => {
  it('is the always-on cost of the period less what was billed', () => {
    expect(autoTerminationSavingsUsd(720, 7, 245)).toBeCloseTo(720 * 7 - 245, 6);
  });

  it('saves nothing when what was billed reaches the always-on cost', () => {
    expect(autoTerminationSavingsUsd(10, 7, 70)).toBe(0);
    expect(autoTerminationSavingsUsd(10, 7, 500)).toBe(0);
    expect(autoTerminationSavingsUsd(0, 7, 0)).toBe(0);
  });
});

describe('effectiveSpec', () => {
  it('keeps the declared spec when the workspace said nothing', () => {
    expect(effectiveSpec(spec, null)).toEqual(spec);
    expect(effectiveSpec(spec, undefined)).toEqual(spec);
  });

  it('takes a warehouse’s nodes from its size (workers and a driver per cluster, times its minimum clusters) and its auto-stop', () => {
    expect(effectiveSpec(spec, { kind: 'warehouse', type: 'PRO', size: 'MEDIUM', minClusters: 2, autoStopMinutes: 45 })).toEqual({ ...spec, nodes: 18, autoStopMinutes: 45 });
    expect(effectiveSpec(spec, { kind: 'warehouse', type: 'SERVERLESS', size: '2X_SMALL', minClusters: 1, autoStopMinutes: 0 })).toMatchObject({ nodes: 2, autoStopMinutes: 0 });
  });

  it('takes a cluster’s workers and driver, DBUs of a known node type, spot and auto-stop', () => {
    const cluster = { kind: 'cluster' as const, workerNodeType: 'i3.2xlarge', driverNodeType: 'i3.xlarge', workers: 3, autoStopMinutes: 20, spot: true };
    expect(effectiveSpec(spec, cluster)).toEqual({ ...spec, nodes: 4, dbuPerNodeHour: 2, spotWorkers: true, autoStopMinutes: 20 });
    expect(effectiveSpec(spec, { ...cluster, workerNodeType: 'm5d.large' })).toMatchObject({ dbuPerNodeHour: spec.dbuPerNodeHour });
  });

  it('prices a run by the spec it recorded', () => {
    const compute = { kind: 'warehouse' as const, type: 'PRO' as const, size: 'X_SMALL' as const, minClusters: 1, autoStopMinutes: 10 };
    // 3 nodes × (2 × 0.5 + 0.4) = $4.20 an hour, for half an hour.
    expect(priceRun({ engine: 'databricks', cpuMs: 0, compute }, 1_800_000, model)).toEqual({ costUsd: 2.1, spotSavingsUsd: 0, hourlyUsd: 4.2, autoStopMinutes: 10 });
  });
});

describe('costModelSchema', () => {
  it('prices by default a worker CPU second at a $0.048 vCPU hour, and Databricks on demand', () => {
    expect(DEFAULT_COST_MODEL.embedded.cpuSecondUsd * 3600).toBeCloseTo(0.048, 12);
    expect(DEFAULT_COST_MODEL.databricks).toEqual({ dbuUsd: 0.55, dbuPerNodeHour: 0.75, nodes: 2, vmUsdPerNodeHour: 0.2, spotWorkers: false, spotDiscount: 0.6, autoStopMinutes: 10 });
  });

  it('accepts the default model and refuses negative prices, no nodes and a discount over 1, naming the field', () => {
    expect(costModelSchema.parse(DEFAULT_COST_MODEL)).toEqual(DEFAULT_COST_MODEL);
    const problems = (value: unknown) => costModelSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(problems({ ...model, embedded: { cpuSecondUsd: -1 } })).toEqual(['embedded.cpuSecondUsd']);
    expect(problems({ ...model, databricks: { ...spec, nodes: 0 } })).toEqual(['databricks.nodes']);
    expect(problems({ ...model, databricks: { ...spec, spotDiscount: 1.5 } })).toEqual(['databricks.spotDiscount']);
    expect(problems({ ...model, databricks: { ...spec, warehouse: 'x' } })).toEqual(['databricks']);
  });
});
