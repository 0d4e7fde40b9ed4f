import { randomUUID } from 'node:crypto';
import type { EventData, EventName, JobData, JobName } from '@ade/contracts';

/**
 * One valid payload of every job and every event, for one tenant, with fresh ids: what a forger
 * who has read our contracts would write to Redis. The mapped types make a new job or event
 * without a payload here a compile error, so the forgery suites cover it from the start.
 */
export function validJobPayloads(tenantId: string, catalogName: string): { [N in JobName]: JobData<N> } {
  const pipeline = {
    name: 'forged',
    dataType: 'professional_claims' as const,
    targetTable: `${catalogName}.silver.forged`,
    source: { path: 'claims.csv', format: 'csv' as const, options: {} },
    quality: { expectations: [] },
  };
  return {
    'catalog.provision': { tenantId, catalogName, engine: 'embedded' },
    'catalog.health': { tenantId, checkId: randomUUID(), catalogName, engine: 'embedded' },
    'connector.check': { tenantId, checkId: randomUUID(), connectorId: randomUUID() },
    'table.export': { tenantId, exportId: randomUUID(), catalogName, engine: 'embedded', table: `${catalogName}.silver.forged`, connectorId: randomUUID(), path: 'out/forged.csv', format: 'csv', where: null },
    'pipeline.run': { tenantId, runId: randomUUID(), pipelineId: randomUUID(), catalogName, engine: 'embedded', pipeline },
    'quality.release': { tenantId, releaseId: randomUUID(), pipelineId: randomUUID(), catalogName, engine: 'embedded', pipeline, filter: {} },
  };
}

export function validEventPayloads(tenantId: string, catalogName: string, ids: { runId?: string; checkId?: string; releaseId?: string; exportId?: string } = {}): { [N in EventName]: EventData<N> } {
  const at = new Date().toISOString();
  const runId = ids.runId ?? randomUUID();
  const pipelineId = randomUUID();
  const run = { tenantId, runId, attempt: 1, at };
  const error = { code: 'internal' as const, message: 'forged' };
  const table = `${catalogName}.silver.forged`;
  return {
    'run.started': run,
    'run.succeeded': {
      ...run,
      bronzeTable: `${catalogName}.bronze.forged`,
      counts: { rowsLoaded: 1, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 },
      durationMs: 1,
      resources: { engine: 'embedded', cpuMs: 1, sharedWorker: false, bytesRead: 1, bytesSkipped: 0, bytesWritten: 1, rowsRead: 1, rowsWritten: 1 },
    },
    'run.failed': { ...run, willRetry: false, error },
    'schema.drift': {
      ...run,
      pipelineId,
      report: { file: 'claims.csv', table: `${catalogName}.bronze.forged`, mode: 'rescue', fingerprint: 'cd'.repeat(32), previousFingerprint: null, columns: [{ name: 'claim_id', type: 'varchar' }], changes: [], decision: 'unchanged' },
    },
    'incident.recorded': { ...run, pipelineId, incidentId: randomUUID(), failureClass: 'data', error, action: 'quarantine_file', file: 'claims.csv' },
    'quality.measured': {
      ...run,
      pipelineId,
      report: {
        table,
        rows: { input: 1, silver: 1, quarantined: 0, warned: 0, repaired: 0 },
        scores: { completeness: 1, validity: 1, uniqueness: 1, consistency: 1, overall: 1 },
        expectations: [],
        repairs: [],
        profile: { nullRates: {}, amounts: {}, providers: { distinct: 0, new: 0 }, newestServiceYear: null },
      },
    },
    'mapping.proposed': { ...run, pipelineId, proposal: { threshold: 0.8, columns: [], unmatched: [], missingRequired: ['billing_npi'] } },
    'lineage.recorded': { ...run, pipelineId, edges: [{ source: { kind: 'file', name: 'claims.csv' }, target: table, rows: 1 }] },
    'quarantine.released': { tenantId, at, releaseId: ids.releaseId ?? randomUUID(), pipelineId, table, examined: 1, released: 1, byRule: [{ rule: 'npi.check_digit', released: 1 }] },
    'quarantine.release_failed': { tenantId, at, releaseId: ids.releaseId ?? randomUUID(), error },
    'catalog.provisioned': { tenantId, at, catalogName },
    'catalog.failed': { tenantId, at, catalogName, error },
    'catalog.health_reported': {
      tenantId,
      at,
      checkId: ids.checkId ?? randomUUID(),
      report: { engine: 'embedded', catalogName, schemas: [{ name: 'bronze', present: true }], tables: [], governance: null, findings: [] },
    },
    'catalog.health_failed': { tenantId, at, checkId: ids.checkId ?? randomUUID(), error },
    'connector.checked': { tenantId, at, checkId: ids.checkId ?? randomUUID(), connectorId: randomUUID(), fileCount: 0, totalBytes: 0, files: [] },
    'export.completed': { tenantId, at, exportId: ids.exportId ?? randomUUID(), rowCount: 1, bytes: 1, sha256: 'e'.repeat(64) },
    'export.failed': { tenantId, at, exportId: ids.exportId ?? randomUUID(), error },
    'connector.check_failed': { tenantId, at, checkId: ids.checkId ?? randomUUID(), connectorId: randomUUID(), error },
    'job.refused': { tenantId, at, jobId: 'forged-1', jobName: 'pipeline.run', reason: 'forged' },
  };
}
