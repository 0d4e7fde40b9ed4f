import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, eventJobId, eventSchemas, isEventName, parseEvent, type AnyEvent } from './events';
import { ContractViolation } from './violation';

const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const runId = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const pipelineId = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const incidentId = '5688fc98-8350-4d1b-88b6-eed9ae14e350';
const releaseId = '4da8111e-4955-45ea-9220-244d3d104f66';
const checkId = '9b2f6f0e-7f0c-4a43-9d0a-3c5e8a1d2b77';
const at = '2026-11-29T10:00:00.000Z';
const fingerprint = 'ab'.repeat(32);

const run = { tenantId, runId, attempt: 1, at };
const error = { code: 'source_unreadable', message: 'claims/2026-01.csv is not valid CSV' };
const driftReport = {
  file: 'claims/2026-01.csv',
  table: 'healthcare_data.bronze.claims',
  mode: 'rescue',
  fingerprint,
  previousFingerprint: null,
  columns: [{ name: 'claim_id', type: 'varchar' }],
  changes: [],
  decision: 'unchanged',
};
const qualityReport = {
  table: 'healthcare_data.silver.claims',
  rows: { input: 1, silver: 1, quarantined: 0, warned: 0, repaired: 0 },
  scores: { completeness: 1, validity: 1, uniqueness: 1, consistency: 1, overall: 1 },
  expectations: [],
  repairs: [],
  profile: { nullRates: {}, amounts: {}, providers: { distinct: 0, new: 0 }, newestServiceYear: null },
};
const proposal = {
  threshold: 0.8,
  columns: [
    {
      canonical: 'billing_npi',
      source: 'PRVDR_NPI',
      confidence: 0.82,
      applied: false,
      evidence: {
        header: { by: 'words', closestTo: 'billing_provider_npi', score: 0.75 },
        values: { probe: 'npi', description: 'valid NPIs', share: 1, nonBlank: 12 },
        rival: { canonical: 'rendering_npi', source: 'PRVDR_NPI', confidence: 0.82 },
      },
    },
  ],
  unmatched: ['NOTES'],
  missingRequired: ['billing_npi'],
};
const edge = { source: { kind: 'file', name: 'claims/2026-01.csv' }, target: 'healthcare_data.bronze.claims', rows: 1 };

const healthReport = {
  engine: 'embedded',
  catalogName: 'healthcare_data',
  schemas: [{ name: 'bronze', present: true }],
  tables: [{ table: 'healthcare_data.silver.claims', rows: 12, lastWriteAt: at, phiColumns: ['member_id'] }],
  governance: null,
  findings: [{ kind: 'missing_schema', subject: 'healthcare_data.gold', message: 'schema gold is missing: run ade catalog init' }],
};

/** A valid payload of every event. */
const valid = {
  'run.started': run,
  'run.succeeded': {
    ...run,
    bronzeTable: 'healthcare_data.bronze.claims',
    counts: { rowsLoaded: 10, filesLoaded: 1, filesSkipped: 2, filesQuarantined: 3 },
    durationMs: 1200,
  },
  'run.failed': { ...run, willRetry: true, error },
  'schema.drift': { ...run, pipelineId, report: driftReport },
  'incident.recorded': { ...run, pipelineId, incidentId, failureClass: 'data', error, action: 'quarantine_file', file: 'claims/2026-01.csv' },
  'quality.measured': { ...run, pipelineId, report: qualityReport },
  'mapping.proposed': { ...run, pipelineId, proposal },
  'lineage.recorded': { ...run, pipelineId, edges: [edge] },
  'quarantine.released': {
    tenantId,
    at,
    releaseId,
    pipelineId,
    table: 'healthcare_data.silver.claims',
    examined: 5,
    released: 2,
    byRule: [{ rule: 'npi.check_digit', released: 2 }],
  },
  'quarantine.release_failed': { tenantId, at, releaseId, error },
  'catalog.provisioned': { tenantId, at, catalogName: 'healthcare_data' },
  'catalog.failed': { tenantId, at, catalogName: 'healthcare_data', error: { code: 'catalog_unavailable', message: '' } },
  'catalog.health_reported': { tenantId, at, checkId, report: healthReport },
  'catalog.health_failed': { tenantId, at, checkId, error: { code: 'catalog_unavailable', message: 'the catalog could not be opened' } },
  'connector.checked': { tenantId, at, checkId, connectorId: checkId, fileCount: 1, totalBytes: 10, files: [{ name: 'claims/2026-01.x12', sizeBytes: 10 }] },
  'export.completed': { tenantId, at, exportId: checkId, rowCount: 3, bytes: 812, sha256: 'a'.repeat(64) },
  'export.failed': { tenantId, at, exportId: checkId, error: { code: 'connector_refused', message: "connector 'payer-bucket': the bucket refused the connector's credentials (AccessDenied)" } },
  'connector.check_failed': { tenantId, at, checkId, connectorId: checkId, error: { code: 'connector_refused', message: "connector 'clearinghouse': the SFTP server refused the login" } },
  'job.refused': { tenantId, at, jobId: '42', jobName: 'pipeline.run', reason: 'forged' },
} as const;
type Name = keyof typeof valid;
const NAMES = Object.keys(valid) as Name[];
const RUN_EVENTS = NAMES.filter((name) => 'runId' in valid[name]);

/** The message parseEvent throws, or null when the event is accepted. */
function refusal(name: string, data: unknown): string | null {
  try {
    parseEvent(name, data);
    return null;
  } catch (caught) {
    expect(caught).toBeInstanceOf(ContractViolation);
    return (caught as Error).message;
  }
}

const event = <N extends Name>(name: N, changes: Record<string, unknown> = {}): AnyEvent => parseEvent(name, { ...valid[name], ...changes });

describe('event names', () => {
  it('are every event a worker reports', () => {
    expect(EVENT_NAMES).toEqual(NAMES);
    expect(Object.keys(eventSchemas)).toEqual(NAMES);
    for (const name of NAMES) expect(isEventName(name)).toBe(true);
  });

  it.each(['run.deleted', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'pipeline.run', ''])('do not include %j', (name) => {
    expect(isEventName(name)).toBe(false);
    expect(refusal(name, valid['run.started'])).toBe(`unknown event name '${name}'`);
  });
});

describe('parseEvent', () => {
  it.each(NAMES)('accepts a well-formed %s event as it is', (name) => {
    expect(parseEvent(name, valid[name])).toEqual({ name, data: valid[name] });
  });

  it.each(NAMES)('requires tenantId and at on %s, and refuses unknown keys', (name) => {
    const { tenantId: _, at: __, ...rest } = valid[name];
    expect(refusal(name, rest)).toBe(
      `invalid '${name}' event: tenantId: Invalid input: expected string, received undefined; at: Invalid input: expected string, received undefined`,
    );
    expect(refusal(name, { ...valid[name], rows: [{ patient: 'Zebediah' }] })).toBe(`invalid '${name}' event: (root): Unrecognized key: "rows"`);
  });

  it.each(RUN_EVENTS)('requires runId and an attempt from 1 on %s', (name) => {
    expect(event(name, { attempt: 2 }).data).toMatchObject({ attempt: 2 });
    expect(refusal(name, { ...valid[name], attempt: 0 })).toBe(`invalid '${name}' event: attempt: Too small: expected number to be >=1`);
    expect(refusal(name, { ...valid[name], attempt: 1.5 })).toBe(`invalid '${name}' event: attempt: Invalid input: expected int, received number`);
    expect(refusal(name, { ...valid[name], runId: 'run-1' })).toBe(`invalid '${name}' event: runId: Invalid UUID`);
  });

  it('takes an ISO UTC timestamp, with or without milliseconds', () => {
    expect(event('run.started', { at: '2026-11-29T10:00:00Z' }).data).toMatchObject({ at: '2026-11-29T10:00:00Z' });
    for (const bad of ['2026-11-29', '2026-11-29T10:00:00+01:00', 'yesterday', '2026-11-29 10:00:00Z']) {
      expect(refusal('run.started', { ...run, at: bad })).toBe("invalid 'run.started' event: at: Invalid ISO datetime");
    }
  });

  it('refuses a tenant that is not a uuid, without echoing it', () => {
    expect(refusal('catalog.provisioned', { ...valid['catalog.provisioned'], tenantId: 'Zebediah' })).toBe(
      "invalid 'catalog.provisioned' event: tenantId: Invalid UUID",
    );
  });

  describe('run.succeeded', () => {
    const resources = { engine: 'embedded', cpuMs: 812, sharedWorker: false, bytesRead: 4096, bytesSkipped: 1024, bytesWritten: 262_144, rowsRead: 10, rowsWritten: 25 };

    it('carries what the run used, or nothing from an older worker', () => {
      expect(event('run.succeeded', { resources }).data).toMatchObject({ resources });
      expect(event('run.succeeded', { resources: { ...resources, engine: 'databricks', bytesWritten: null } }).data).toMatchObject({ resources: { bytesWritten: null } });
      expect(event('run.succeeded', {}).data).not.toHaveProperty('resources');
    });

    it.each(['cpuMs', 'bytesRead', 'bytesSkipped', 'bytesWritten', 'rowsRead', 'rowsWritten'])('refuses a negative or fractional %s', (field) => {
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, [field]: -1 } })).toBe(
        `invalid 'run.succeeded' event: resources.${field}: Too small: expected number to be >=0`,
      );
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, [field]: 1.5 } })).toBe(
        `invalid 'run.succeeded' event: resources.${field}: Invalid input: expected int, received number`,
      );
    });

    it('carries the Databricks compute a run ran on, a warehouse or a cluster, each field checked', () => {
      const warehouse = { kind: 'warehouse', type: 'PRO', size: 'MEDIUM', minClusters: 1, autoStopMinutes: 10 };
      const cluster = { kind: 'cluster', workerNodeType: 'i3.xlarge', driverNodeType: 'i3.xlarge', workers: 4, autoStopMinutes: 30, spot: true };
      for (const compute of [warehouse, cluster, null]) {
        expect(event('run.succeeded', { resources: { ...resources, engine: 'databricks', compute } }).data).toMatchObject({ resources: { compute } });
      }
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, compute: { ...warehouse, size: 'Medium' } } })).toMatch(/resources\.compute\.size: Invalid option/);
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, compute: { ...warehouse, minClusters: 0 } } })).toMatch(/resources\.compute\.minClusters: Too small/);
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, compute: { ...cluster, workerNodeType: 'i3.xlarge; DROP' } } })).toMatch(/resources\.compute\.workerNodeType: Invalid string/);
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, compute: { ...cluster, name: 'etl' } } })).toMatch(/resources\.compute: Unrecognized key: "name"/);
    });

    it('refuses resources with anything else in them, such as a file name', () => {
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, file: 'claims.csv' } })).toBe(
        `invalid 'run.succeeded' event: resources: Unrecognized key: "file"`,
      );
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], resources: { ...resources, engine: 'spark' } })).toMatch(/resources\.engine: Invalid option/);
    });

    it.each(['rowsLoaded', 'filesLoaded', 'filesSkipped', 'filesQuarantined'])('counts %s in whole numbers from 0', (field) => {
      const counts = valid['run.succeeded'].counts;
      expect(event('run.succeeded', { counts: { ...counts, [field]: 0 } }).data).toMatchObject({ counts: { [field]: 0 } });
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], counts: { ...counts, [field]: -1 } })).toBe(
        `invalid 'run.succeeded' event: counts.${field}: Too small: expected number to be >=0`,
      );
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], counts: { ...counts, [field]: 0.5 } })).toBe(
        `invalid 'run.succeeded' event: counts.${field}: Invalid input: expected int, received number`,
      );
    });

    it('takes a duration from 0 ms, a three-part bronze table, and no extra counts', () => {
      expect(event('run.succeeded', { durationMs: 0 }).data).toMatchObject({ durationMs: 0 });
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], durationMs: -1 })).toBe("invalid 'run.succeeded' event: durationMs: Too small: expected number to be >=0");
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], bronzeTable: 'bronze.claims' })).toMatch(
        /^invalid 'run.succeeded' event: bronzeTable: Invalid string: must match pattern/,
      );
      expect(refusal('run.succeeded', { ...valid['run.succeeded'], counts: { ...valid['run.succeeded'].counts, rowsRejected: 1 } })).toBe(
        `invalid 'run.succeeded' event: counts: Unrecognized key: "rowsRejected"`,
      );
    });
  });

  describe('run.failed', () => {
    it('says whether the run will be retried, and why it failed', () => {
      expect(event('run.failed', { willRetry: false }).data).toMatchObject({ willRetry: false });
      expect(refusal('run.failed', { ...valid['run.failed'], willRetry: 'no' })).toBe("invalid 'run.failed' event: willRetry: Invalid input: expected boolean, received string");
      expect(refusal('run.failed', { ...valid['run.failed'], error: { code: 'oops', message: '' } })).toMatch(/^invalid 'run.failed' event: error\.code: Invalid option/);
    });
  });

  describe('incident.recorded', () => {
    it.each(['transient', 'schema', 'data', 'resource', 'configuration', 'unknown'])('takes the failure class %s', (failureClass) => {
      expect(event('incident.recorded', { failureClass }).data).toMatchObject({ failureClass });
    });

    it.each(['retry', 'retry_smaller_batch', 'quarantine_file', 'reject_transaction_sets', 'fail_fast', 'give_up'])('takes the action %s', (action) => {
      expect(event('incident.recorded', { action }).data).toMatchObject({ action });
    });

    it('refuses other classes and actions', () => {
      expect(refusal('incident.recorded', { ...valid['incident.recorded'], failureClass: 'network', action: 'ignore' })).toBe(
        `invalid 'incident.recorded' event: failureClass: Invalid option: expected one of "transient"|"schema"|"data"|"resource"|"configuration"|"unknown"; action: Invalid option: expected one of "retry"|"retry_smaller_batch"|"quarantine_file"|"reject_transaction_sets"|"fail_fast"|"give_up"`,
      );
    });

    it('names the file concerned, of up to 1024 characters, or none', () => {
      expect(event('incident.recorded', { file: null }).data).toMatchObject({ file: null });
      expect(event('incident.recorded', { file: '' }).data).toMatchObject({ file: '' });
      expect(event('incident.recorded', { file: 'f'.repeat(1024) }).data).toMatchObject({ file: 'f'.repeat(1024) });
      expect(refusal('incident.recorded', { ...valid['incident.recorded'], file: 'f'.repeat(1025) })).toBe(
        "invalid 'incident.recorded' event: file: Too big: expected string to have <=1024 characters",
      );
      const { file: _, ...withoutFile } = valid['incident.recorded'];
      expect(refusal('incident.recorded', withoutFile)).toBe("invalid 'incident.recorded' event: file: Invalid input: expected string, received undefined");
    });

    it('requires the incident id', () => {
      expect(refusal('incident.recorded', { ...valid['incident.recorded'], incidentId: 'i-1' })).toBe("invalid 'incident.recorded' event: incidentId: Invalid UUID");
    });
  });

  describe('schema.drift and quality.measured', () => {
    it('check the report they carry, by path', () => {
      expect(refusal('schema.drift', { ...valid['schema.drift'], report: { ...driftReport, fingerprint: 'x' } })).toMatch(
        /^invalid 'schema.drift' event: report\.fingerprint: Invalid string/,
      );
      expect(refusal('quality.measured', { ...valid['quality.measured'], report: { ...qualityReport, scores: { ...qualityReport.scores, overall: 2 } } })).toBe(
        "invalid 'quality.measured' event: report.scores.overall: Too big: expected number to be <=1",
      );
      expect(refusal('quality.measured', { ...valid['quality.measured'], pipelineId: undefined })).toBe(
        "invalid 'quality.measured' event: pipelineId: Invalid input: expected string, received undefined",
      );
    });
  });

  describe('mapping.proposed', () => {
    it('carries the proposal by column names and figures, and refuses what is out of range', () => {
      expect(event('mapping.proposed').data).toMatchObject({ proposal });
      const column = proposal.columns[0]!;
      expect(refusal('mapping.proposed', { ...valid['mapping.proposed'], proposal: { ...proposal, columns: [{ ...column, confidence: 1.2 }] } })).toBe(
        "invalid 'mapping.proposed' event: proposal.columns.0.confidence: Too big: expected number to be <=1",
      );
      expect(refusal('mapping.proposed', { ...valid['mapping.proposed'], proposal: { ...proposal, missingRequired: ['Billing NPI'] } })).toMatch(
        /^invalid 'mapping.proposed' event: proposal\.missingRequired\.0: must be a canonical column name/,
      );
      const sample = { ...column, evidence: { ...column.evidence, values: { ...column.evidence.values, sample: '1234567893' } } };
      expect(refusal('mapping.proposed', { ...valid['mapping.proposed'], proposal: { ...proposal, columns: [sample] } })).toBe(
        `invalid 'mapping.proposed' event: proposal.columns.0.evidence.values: Unrecognized key: "sample"`,
      );
    });

    it('names canonical columns in snake case, whole, and says how each header was read', () => {
      const column = proposal.columns[0]!;
      for (const name of ['1claim_id', 'claim id', '_claim', `c${'x'.repeat(64)}`]) {
        expect(refusal('mapping.proposed', { ...valid['mapping.proposed'], proposal: { ...proposal, missingRequired: [name] } })).toMatch(/must be a canonical column name/);
      }
      for (const by of ['name', 'synonym', 'words', 'values']) {
        const read = { ...column, evidence: { ...column.evidence, header: { ...column.evidence.header, by } } };
        expect(event('mapping.proposed', { proposal: { ...proposal, columns: [read] } }).data).toMatchObject({ proposal: { columns: [{ evidence: { header: { by } } }] } });
      }
      const unknown = { ...column, evidence: { ...column.evidence, header: { ...column.evidence.header, by: 'guess' } } };
      expect(refusal('mapping.proposed', { ...valid['mapping.proposed'], proposal: { ...proposal, columns: [unknown] } })).toMatch(/proposal\.columns\.0\.evidence\.header\.by: Invalid option/);
    });

    it('rides along in a quality report when the profiler mapped the files surely', () => {
      expect(event('quality.measured', { report: { ...qualityReport, proposal: { ...proposal, missingRequired: [] } } }).data).toMatchObject({ report: { proposal: { missingRequired: [] } } });
    });
  });

  describe('quality.measured routed lines', () => {
    const route = { claimType: 'institutional', dataType: 'institutional_claims', lines: 2 };
    const withRouted = (routed: unknown) => ({ ...valid['quality.measured'], report: { ...qualityReport, routed } });

    it('carries, for a mixed medical-claim file, how many lines each other claim form was left', () => {
      expect(event('quality.measured', { report: { ...qualityReport, routed: [route] } }).data).toMatchObject({ report: { routed: [route] } });
      expect(refusal('quality.measured', withRouted(Array.from({ length: 10 }, () => route)))).toBeNull();
    });

    it('refuses a claim type that is not a lower-case word, an unknown data type, a negative count and more than ten routes, naming the field', () => {
      expect(refusal('quality.measured', withRouted([{ ...route, claimType: 'Institutional' }]))).toMatch(/report\.routed\.0\.claimType/);
      expect(refusal('quality.measured', withRouted([{ ...route, claimType: 'x'.repeat(33) }]))).toMatch(/report\.routed\.0\.claimType/);
      expect(refusal('quality.measured', withRouted([{ ...route, claimType: '' }]))).toMatch(/report\.routed\.0\.claimType/);
      expect(refusal('quality.measured', withRouted([{ ...route, dataType: 'dental_claims' }]))).toMatch(/report\.routed\.0\.dataType/);
      expect(refusal('quality.measured', withRouted([{ ...route, lines: -1 }]))).toMatch(/report\.routed\.0\.lines/);
      expect(refusal('quality.measured', withRouted([{ ...route, member: 'x' }]))).toMatch(/report\.routed\.0: Unrecognized key/);
      expect(refusal('quality.measured', withRouted(Array.from({ length: 11 }, () => route)))).toMatch(/report\.routed: Too big/);
    });
  });

  describe('lineage.recorded', () => {
    it('takes from no edges up to 10000', () => {
      expect(event('lineage.recorded', { edges: [] }).data).toMatchObject({ edges: [] });
      const edges = Array.from({ length: 10_000 }, () => edge);
      expect((event('lineage.recorded', { edges }).data as { edges: unknown[] }).edges).toHaveLength(10_000);
      expect(refusal('lineage.recorded', { ...valid['lineage.recorded'], edges: [...edges, edge] })).toBe(
        "invalid 'lineage.recorded' event: edges: Too big: expected array to have <=10000 items",
      );
      expect(refusal('lineage.recorded', { ...valid['lineage.recorded'], edges: [edge, { ...edge, rows: -1 }] })).toBe(
        "invalid 'lineage.recorded' event: edges.1.rows: Too small: expected number to be >=0",
      );
    });
  });

  describe('quarantine.released', () => {
    it('counts examined and released rows from 0', () => {
      expect(event('quarantine.released', { examined: 0, released: 0, byRule: [] }).data).toMatchObject({ examined: 0, released: 0, byRule: [] });
      expect(refusal('quarantine.released', { ...valid['quarantine.released'], examined: -1, released: -1 })).toBe(
        "invalid 'quarantine.released' event: examined: Too small: expected number to be >=0; released: Too small: expected number to be >=0",
      );
    });

    it('names the table by its three parts and carries no run', () => {
      expect(refusal('quarantine.released', { ...valid['quarantine.released'], table: 'claims' })).toMatch(
        /^invalid 'quarantine.released' event: table: Invalid string: must match pattern/,
      );
      expect(refusal('quarantine.released', { ...valid['quarantine.released'], runId })).toBe(`invalid 'quarantine.released' event: (root): Unrecognized key: "runId"`);
    });
  });

  describe('catalog events', () => {
    it('refuse a reserved catalog name', () => {
      expect(refusal('catalog.provisioned', { ...valid['catalog.provisioned'], catalogName: 'system' })).toBe(
        "invalid 'catalog.provisioned' event: catalogName: is reserved by the engine (main, memory, system, temp)",
      );
    });

    it('require the error on a failure', () => {
      const { error: _, ...rest } = valid['catalog.failed'];
      expect(refusal('catalog.failed', rest)).toBe("invalid 'catalog.failed' event: error: Invalid input: expected object, received undefined");
    });
  });
});

describe('eventJobId', () => {
  it('ids a run event by run and attempt, so a retry is a new event and a re-send is not', () => {
    for (const name of ['run.started', 'run.succeeded', 'run.failed', 'quality.measured', 'lineage.recorded'] as const) {
      expect(eventJobId(event(name))).toBe(`${name}.${runId}.1`);
      expect(eventJobId(event(name, { attempt: 3 }))).toBe(`${name}.${runId}.3`);
      expect(eventJobId(event(name, { at: '2026-11-30T00:00:00.000Z' }))).toBe(`${name}.${runId}.1`);
    }
  });

  it('ids an incident by its own id', () => {
    expect(eventJobId(event('incident.recorded'))).toBe(`incident.recorded.${incidentId}`);
    expect(eventJobId(event('incident.recorded', { attempt: 2 }))).toBe(`incident.recorded.${incidentId}`);
  });

  it('ids a release event by the release', () => {
    expect(eventJobId(event('quarantine.released'))).toBe(`quarantine.released.${releaseId}`);
    expect(eventJobId(event('quarantine.release_failed'))).toBe(`quarantine.release_failed.${releaseId}`);
  });

  it('ids a drift report by run, fingerprint and a stable key of the file', () => {
    expect(eventJobId(event('schema.drift'))).toBe(`schema.drift.${runId}.${fingerprint}.7bb7196c`);
    const other = (file: string) => eventJobId(event('schema.drift', { report: { ...driftReport, file } }));
    expect(other('a')).toBe(`schema.drift.${runId}.${fingerprint}.61`);
    expect(other('ab')).toBe(`schema.drift.${runId}.${fingerprint}.c21`);
    expect(other('claims/2026-02.csv')).toBe(`schema.drift.${runId}.${fingerprint}.7bc530ed`);
    // A hash past 2^31 is still printed unsigned.
    expect(other('eligibility/members.csv')).toBe(`schema.drift.${runId}.${fingerprint}.e948d42f`);
    expect(other('eligibility/members.csv')).toBe(other('eligibility/members.csv'));
    expect(eventJobId(event('schema.drift', { attempt: 2 }))).toBe(eventJobId(event('schema.drift')));
  });

  it('ids a health check event by the check', () => {
    expect(eventJobId(event('catalog.health_reported'))).toBe(`catalog.health_reported.${checkId}`);
    expect(eventJobId(event('catalog.health_failed'))).toBe(`catalog.health_failed.${checkId}`);
    expect(eventJobId(event('connector.checked'))).toBe(`connector.checked.${checkId}`);
    expect(eventJobId(event('connector.check_failed'))).toBe(`connector.check_failed.${checkId}`);
    expect(eventJobId(event('export.completed'))).toBe(`export.completed.${checkId}`);
    expect(eventJobId(event('export.failed'))).toBe(`export.failed.${checkId}`);
  });

  it('refuses a connector listing longer than its limit or carrying anything but names and sizes', () => {
    const file = { name: 'f.x12', sizeBytes: 1 };
    expect(refusal('connector.checked', { ...valid['connector.checked'], files: Array.from({ length: 101 }, () => file) })).toBe(
      `invalid 'connector.checked' event: files: Too big: expected array to have <=100 items`,
    );
    expect(refusal('connector.checked', { ...valid['connector.checked'], files: [{ ...file, firstLine: 'ISA*00*' }] })).toBe(
      `invalid 'connector.checked' event: files.0: Unrecognized key: "firstLine"`,
    );
  });

  it('refuses a health report carrying anything but names, counts and times', () => {
    expect(refusal('catalog.health_reported', { ...valid['catalog.health_reported'], report: { ...healthReport, sample: [{ member_id: 'M1' }] } })).toBe(
      `invalid 'catalog.health_reported' event: report: Unrecognized key: "sample"`,
    );
    const valued = { ...healthReport, tables: [{ ...healthReport.tables[0], phiColumns: ['MCD 000111'] }] };
    expect(refusal('catalog.health_reported', { ...valid['catalog.health_reported'], report: valued })).toMatch(/^invalid 'catalog.health_reported' event: report.tables.0.phiColumns.0: Invalid string/);
  });

  it('ids a job refusal by tenant, job id and time, and repeats nothing of a forged job but a safe id and a known name', () => {
    expect(eventJobId(event('job.refused'))).toBe(`job.refused.${tenantId}.42.${Date.parse(at)}`);
    expect(eventJobId(event('job.refused', { jobId: null }))).toBe(`job.refused.${tenantId}.unnamed.${Date.parse(at)}`);
    expect(event('job.refused', { jobName: null, reason: 'unsealed' }).data).toMatchObject({ jobName: null, reason: 'unsealed' });
    expect(refusal('job.refused', { ...valid['job.refused'], jobId: 'MBR 1EG4-TE5-MK72 SMITH' })).toMatch(/^invalid 'job.refused' event: jobId: Invalid string/);
    expect(refusal('job.refused', { ...valid['job.refused'], jobId: `a.b_c-D9${'x'.repeat(120)}` })).toBeNull();
    for (const jobId of ['', 'x'.repeat(129), 'a:b', 'a/b', 'a b']) expect(refusal('job.refused', { ...valid['job.refused'], jobId })).toMatch(/jobId: /);
    expect(refusal('job.refused', { ...valid['job.refused'], jobName: 'pipeline.run.fake' })).toMatch(/^invalid 'job.refused' event: jobName: Invalid option/);
    expect(refusal('job.refused', { ...valid['job.refused'], reason: 'because' })).toMatch(/^invalid 'job.refused' event: reason: Invalid option/);
  });

  it('ids a catalog event by tenant and time', () => {
    expect(eventJobId(event('catalog.provisioned'))).toBe(`catalog.provisioned.${tenantId}.${at}`);
    expect(eventJobId(event('catalog.failed'))).toBe(`catalog.failed.${tenantId}.${at}`);
  });

  it('gives ids that BullMQ accepts: no colons, except the two of a catalog event timestamp', () => {
    for (const name of NAMES) {
      const id = eventJobId(event(name));
      if (name === 'catalog.provisioned' || name === 'catalog.failed') expect(id.split(':')).toHaveLength(3);
      else expect(id).not.toContain(':');
    }
  });
});
