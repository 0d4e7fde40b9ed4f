import type { ClusterSpec } from './cluster-profile';

/** One attribute rule of a cluster policy definition (Databricks Cluster Policies). */
export type PolicyRule =
  | { type: 'fixed'; value: string | number | boolean; hidden?: boolean }
  | { type: 'range'; minValue?: number; maxValue: number; defaultValue: number };

/** Attribute path (`autoscale.max_workers`, `custom_tags.ade_workload` ...) → its rule. */
export type PolicyDefinition = Record<string, PolicyRule>;

/** Clusters made under a policy may idle this little, so autoscaled jobs are not cut short. */
const MIN_IDLE_MINUTES = 10;

/**
 * The cluster policy that keeps clusters within a spec: its runtime, node types, spot settings,
 * access mode and tags fixed, workers and idle time capped at the spec's (users may ask for less,
 * never more). A policy is what a workspace admin hands to the people who create clusters, so
 * cost levels hold without `ade` creating every cluster itself.
 */
export function clusterPolicy(spec: ClusterSpec): PolicyDefinition {
  const fixed = (value: string | number | boolean, hidden = false): PolicyRule => ({ type: 'fixed', value, ...(hidden && { hidden }) });
  return {
    spark_version: fixed(spec.spark_version),
    node_type_id: fixed(spec.node_type_id),
    driver_node_type_id: fixed(spec.driver_node_type_id, true),
    'autoscale.min_workers': { type: 'range', minValue: 1, maxValue: spec.autoscale.min_workers, defaultValue: spec.autoscale.min_workers },
    'autoscale.max_workers': { type: 'range', minValue: 1, maxValue: spec.autoscale.max_workers, defaultValue: spec.autoscale.max_workers },
    autotermination_minutes: { type: 'range', minValue: MIN_IDLE_MINUTES, maxValue: spec.autotermination_minutes, defaultValue: spec.autotermination_minutes },
    'aws_attributes.availability': fixed(spec.aws_attributes.availability, true),
    'aws_attributes.first_on_demand': fixed(spec.aws_attributes.first_on_demand, true),
    'aws_attributes.zone_id': fixed(spec.aws_attributes.zone_id, true),
    ...(spec.aws_attributes.spot_bid_price_percent !== undefined && { 'aws_attributes.spot_bid_price_percent': fixed(spec.aws_attributes.spot_bid_price_percent, true) }),
    data_security_mode: fixed(spec.data_security_mode),
    runtime_engine: fixed(spec.runtime_engine, true),
    enable_elastic_disk: fixed(spec.enable_elastic_disk, true),
    ...Object.fromEntries(Object.entries(spec.spark_conf).map(([key, value]) => [`spark_conf.${key}`, fixed(value, true)])),
    ...Object.fromEntries(Object.entries(spec.custom_tags).map(([key, value]) => [`custom_tags.${key}`, fixed(value)])),
  };
}
