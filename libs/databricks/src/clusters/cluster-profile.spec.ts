import { describe, expect, it } from 'vitest';
import { clusterSpec, ClusterSpecError, COST_LEVELS, dbuPerHour, WORKLOAD_TYPES } from './cluster-profile';

describe('clusterSpec', () => {
  it('turns an economy ingestion cluster into small spot nodes with an on-demand driver, stopping after 15 idle minutes', () => {
    expect(clusterSpec({ name: 'ingest-nightly', workload: 'ingestion', costLevel: 'economy' })).toEqual({
      cluster_name: 'ingest-nightly',
      spark_version: '15.4.x-scala2.12',
      node_type_id: 'i3.xlarge',
      driver_node_type_id: 'i3.xlarge',
      autoscale: { min_workers: 1, max_workers: 4 },
      autotermination_minutes: 15,
      aws_attributes: { availability: 'SPOT_WITH_FALLBACK', first_on_demand: 1, zone_id: 'auto', spot_bid_price_percent: 100 },
      data_security_mode: 'USER_ISOLATION',
      runtime_engine: 'STANDARD',
      enable_elastic_disk: true,
      spark_conf: { 'spark.databricks.delta.optimizeWrite.enabled': 'true', 'spark.databricks.delta.autoCompact.enabled': 'true' },
      custom_tags: { ade_managed: 'true', ade_workload: 'ingestion', ade_cost_level: 'economy' },
    });
  });

  it('buys bigger nodes, more workers, more on-demand nodes and longer idle time as the cost level rises', () => {
    const specs = COST_LEVELS.map((costLevel) => clusterSpec({ name: 'q', workload: 'quality', costLevel }));
    expect(specs.map((s) => [s.node_type_id, s.autoscale.min_workers, s.autoscale.max_workers, s.aws_attributes.availability, s.aws_attributes.first_on_demand, s.autotermination_minutes])).toEqual([
      ['i3.xlarge', 1, 4, 'SPOT_WITH_FALLBACK', 1, 15],
      ['i3.2xlarge', 2, 8, 'SPOT_WITH_FALLBACK', 2, 20],
      ['i3.4xlarge', 4, 16, 'ON_DEMAND', 1, 30],
    ]);
    expect(specs[2]!.aws_attributes).not.toHaveProperty('spot_bid_price_percent');
  });

  it('keeps every cluster within 15-30 idle minutes, at least one worker, and tagged with what it is for', () => {
    for (const workload of WORKLOAD_TYPES) {
      for (const costLevel of COST_LEVELS) {
        const spec = clusterSpec({ name: 'c', workload, costLevel, owner: 'analyst@example.org' });
        expect(spec.autotermination_minutes).toBeGreaterThanOrEqual(15);
        expect(spec.autotermination_minutes).toBeLessThanOrEqual(30);
        expect(spec.autoscale.min_workers).toBeGreaterThanOrEqual(1);
        expect(spec.autoscale.max_workers).toBeGreaterThan(spec.autoscale.min_workers);
        expect(spec.custom_tags).toEqual({ ade_managed: 'true', ade_workload: workload, ade_cost_level: costLevel });
      }
    }
  });

  it('runs ml on the ML runtime in single-user mode for its owner, and asks for the owner', () => {
    expect(clusterSpec({ name: 'ml', workload: 'ml', costLevel: 'balanced', owner: 'analyst@example.org' })).toMatchObject({
      spark_version: '15.4.x-cpu-ml-scala2.12',
      data_security_mode: 'SINGLE_USER',
      single_user_name: 'analyst@example.org',
    });
    expect(() => clusterSpec({ name: 'ml', workload: 'ml', costLevel: 'balanced' })).toThrow(new ClusterSpecError('an ml cluster runs in single-user access mode: give --owner, the user it is for'));
    expect(clusterSpec({ name: 'bi', workload: 'analytics', costLevel: 'balanced', owner: 'x@example.org' })).not.toHaveProperty('single_user_name');
  });

  it('refuses a name Databricks would not take', () => {
    for (const name of ['', '-x', 'a b', 'a/b', 'x'.repeat(101)]) expect(() => clusterSpec({ name, workload: 'quality', costLevel: 'economy' }), name).toThrow(ClusterSpecError);
    expect(clusterSpec({ name: 'Q.1_a-b', workload: 'quality', costLevel: 'economy' }).cluster_name).toBe('Q.1_a-b');
  });
});

describe('dbuPerHour', () => {
  it('bills the driver and each worker at their node type rate', () => {
    expect(dbuPerHour({ node_type_id: 'i3.xlarge', driver_node_type_id: 'i3.xlarge' }, 3)).toBe(4);
    expect(dbuPerHour({ node_type_id: 'i3.4xlarge', driver_node_type_id: 'i3.2xlarge' }, 2)).toBe(10);
  });
});
