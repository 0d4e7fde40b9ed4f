/**
 * What deleting pipeline runs takes with it: every table whose rows die by ON DELETE CASCADE from
 * pipeline_runs (directly or through a cascading parent). Counted before the delete so the audit
 * entry says what was removed. Keep in step with the migrations' foreign keys.
 */
export const RUN_DEPENDENT_COUNTS: ReadonlyArray<{ table: string; sql: string }> = [
  { table: 'incidents', sql: `SELECT count(*) AS n FROM incidents WHERE run_id = ANY($1::uuid[])` },
  { table: 'schema_drift_events', sql: `SELECT count(*) AS n FROM schema_drift_events WHERE run_id = ANY($1::uuid[])` },
  { table: 'quality_reports', sql: `SELECT count(*) AS n FROM quality_reports WHERE run_id = ANY($1::uuid[])` },
  {
    table: 'quality_anomalies',
    sql: `SELECT count(*) AS n FROM quality_anomalies WHERE report_id IN (SELECT id FROM quality_reports WHERE run_id = ANY($1::uuid[]))`,
  },
  { table: 'alerts', sql: `SELECT count(*) AS n FROM alerts WHERE run_id = ANY($1::uuid[])` },
  {
    table: 'webhook_deliveries',
    sql: `SELECT count(*) AS n FROM webhook_deliveries WHERE alert_id IN (SELECT id FROM alerts WHERE run_id = ANY($1::uuid[]))`,
  },
  { table: 'lineage_edges', sql: `SELECT count(*) AS n FROM lineage_edges WHERE run_id = ANY($1::uuid[])` },
  { table: 'quarantine_run_totals', sql: `SELECT count(*) AS n FROM quarantine_run_totals WHERE run_id = ANY($1::uuid[])` },
  { table: 'quarantine_counts', sql: `SELECT count(*) AS n FROM quarantine_counts WHERE run_id = ANY($1::uuid[])` },
];

/** Finished runs of one tenant older than the cutoff, locked for deletion. Runs still queued or running are kept. */
export const EXPIRED_RUNS_SQL = `SELECT id FROM pipeline_runs WHERE tenant_id = $1 AND finished_at IS NOT NULL AND finished_at < $2 FOR UPDATE`;

export const DELETE_RUNS_SQL = `DELETE FROM pipeline_runs WHERE tenant_id = $1 AND id = ANY($2::uuid[])`;
