import { describe, expect, it } from 'vitest';
import { clusterSpec } from './cluster-profile';
import { clusterPolicy } from './cluster-policy';

describe('clusterPolicy', () => {
  it('fixes what the cost level decides and caps workers and idle time at the spec', () => {
    const policy = clusterPolicy(clusterSpec({ name: 'p', workload: 'ingestion', costLevel: 'economy' }));
    expect(policy).toEqual({
      spark_version: { type: 'fixed', value: '15.4.x-scala2.12' },
      node_type_id: { type: 'fixed', value: 'i3.xlarge' },
      driver_node_type_id: { type: 'fixed', value: 'i3.xlarge', hidden: true },
      'autoscale.min_workers': { type: 'range', minValue: 1, maxValue: 1, defaultValue: 1 },
      'autoscale.max_workers': { type: 'range', minValue: 1, maxValue: 4, defaultValue: 4 },
      autotermination_minutes: { type: 'range', minValue: 10, maxValue: 15, defaultValue: 15 },
      'aws_attributes.availability': { type: 'fixed', value: 'SPOT_WITH_FALLBACK', hidden: true },
      'aws_attributes.first_on_demand': { type: 'fixed', value: 1, hidden: true },
      'aws_attributes.zone_id': { type: 'fixed', value: 'auto', hidden: true },
      'aws_attributes.spot_bid_price_percent': { type: 'fixed', value: 100, hidden: true },
      data_security_mode: { type: 'fixed', value: 'USER_ISOLATION' },
      runtime_engine: { type: 'fixed', value: 'STANDARD', hidden: true },
      enable_elastic_disk: { type: 'fixed', value: true, hidden: true },
      'spark_conf.spark.databricks.delta.optimizeWrite.enabled': { type: 'fixed', value: 'true', hidden: true },
      'spark_conf.spark.databricks.delta.autoCompact.enabled': { type: 'fixed', value: 'true', hidden: true },
      'custom_tags.ade_managed': { type: 'fixed', value: 'true' },
      'custom_tags.ade_workload': { type: 'fixed', value: 'ingestion' },
      'custom_tags.ade_cost_level': { type: 'fixed', value: 'economy' },
    });
  });

  it('has no spot bid for on-demand clusters', () => {
    const policy = clusterPolicy(clusterSpec({ name: 'p', workload: 'analytics', costLevel: 'performance' }));
    expect(policy['aws_attributes.availability']).toEqual({ type: 'fixed', value: 'ON_DEMAND', hidden: true });
    expect(policy).not.toHaveProperty(['aws_attributes.spot_bid_price_percent']);
    expect(policy['autotermination_minutes']).toEqual({ type: 'range', minValue: 10, maxValue: 30, defaultValue: 30 });
  });
});
