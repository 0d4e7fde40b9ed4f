import { describe, expect, it } from 'vitest';
import { computeSpecOf, computeSpecSql } from './compute-spec';

describe('computeSpecSql', () => {
  it('reads the newest live snapshot of the warehouse or cluster, by id as a literal', () => {
    expect(computeSpecSql({ kind: 'warehouse', id: '0123456789abcdef' })).toBe(
      `SELECT warehouse_type, warehouse_size, min_clusters, auto_stop_minutes FROM system.compute.warehouses
WHERE warehouse_id = '0123456789abcdef' AND delete_time IS NULL ORDER BY change_time DESC LIMIT 1`,
    );
    expect(computeSpecSql({ kind: 'cluster', id: "0101-123456-abc'defg" })).toContain("WHERE cluster_id = '0101-123456-abc\\'defg' AND delete_time IS NULL");
  });
});

describe('computeSpecOf', () => {
  it('reads a warehouse row', () => {
    expect(computeSpecOf('warehouse', { warehouse_type: 'PRO', warehouse_size: 'MEDIUM', min_clusters: 2, auto_stop_minutes: 15 })).toEqual({
      kind: 'warehouse',
      type: 'PRO',
      size: 'MEDIUM',
      minClusters: 2,
      autoStopMinutes: 15,
    });
    expect(computeSpecOf('warehouse', { warehouse_type: 'SERVERLESS', warehouse_size: 'X_SMALL', min_clusters: null, auto_stop_minutes: null })).toMatchObject({ minClusters: 1, autoStopMinutes: 0 });
  });

  it('reads a cluster row: its fixed or minimum workers, and spot from the availability', () => {
    const row = { worker_node_type: 'i3.2xlarge', driver_node_type: 'i3.xlarge', worker_count: '4', min_autoscale_workers: null, auto_termination_minutes: 60, availability: 'SPOT_WITH_FALLBACK' };
    expect(computeSpecOf('cluster', row)).toEqual({ kind: 'cluster', workerNodeType: 'i3.2xlarge', driverNodeType: 'i3.xlarge', workers: 4, autoStopMinutes: 60, spot: true });
    expect(computeSpecOf('cluster', { ...row, worker_count: null, min_autoscale_workers: 2, availability: 'ON_DEMAND', driver_node_type: null })).toMatchObject({ workers: 2, spot: false, driverNodeType: 'i3.2xlarge' });
    expect(computeSpecOf('cluster', { ...row, availability: null })).toMatchObject({ spot: false });
  });

  it('gives no spec for no row, or a row it cannot price', () => {
    expect(computeSpecOf('warehouse', undefined)).toBeNull();
    expect(computeSpecOf('warehouse', { warehouse_type: 'PRO', warehouse_size: '6X_LARGE', min_clusters: 1, auto_stop_minutes: 10 })).toBeNull();
    expect(computeSpecOf('cluster', { worker_node_type: 'i3.xlarge', worker_count: null, min_autoscale_workers: null })).toBeNull();
  });
});
