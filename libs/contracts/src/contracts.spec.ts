import { describe, expect, it } from 'vitest';
import { eventJobId, parseEvent } from './events';
import { parseTableName } from './identifiers';
import { parseJob } from './jobs';
import { isValidCron } from './schedules';
import { sourcePathProblem } from './source-path';
import { ContractViolation } from './violation';

const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const runId = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

const runJob = {
  tenantId,
  runId,
  pipelineId: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  catalogName: 'healthcare_data',
  pipeline: {
    name: 'claims',
    dataType: 'professional_claims',
    targetTable: 'healthcare_data.silver.claims',
    source: { path: 'claims/', format: 'csv', options: { delimiter: '|' } },
  },
};

describe('job contracts', () => {
  it('accepts a well-formed run job', () => {
    expect(parseJob('pipeline.run', runJob)).toEqual({ name: 'pipeline.run', data: { ...runJob, engine: 'embedded', pipeline: { ...runJob.pipeline, quality: { expectations: [] } } } });
  });

  it('carries quality settings but refuses unsafe expectation SQL in a job, too', () => {
    const quality = { expectations: [{ id: 'custom.positive', sql: 'paid_amount >= 0', action: 'drop' }] };
    expect(parseJob('pipeline.run', { ...runJob, pipeline: { ...runJob.pipeline, quality } }).data).toMatchObject({ pipeline: { quality } });
    const unsafe = { expectations: [{ id: 'custom.peek', sql: "read_text('/etc/passwd') <> ''" }] };
    expect(() => parseJob('pipeline.run', { ...runJob, pipeline: { ...runJob.pipeline, quality: unsafe } })).toThrowError(/pipeline.quality.expectations.0.sql/);
  });

  it('refuses unknown job names and smuggled fields, naming the field but not its value', () => {
    expect(() => parseJob('pipeline.delete', runJob)).toThrowError(ContractViolation);
    const smuggled = { ...runJob, rows: [{ patient_first_name: 'Zebediah' }] };
    expect(() => parseJob('pipeline.run', smuggled)).toThrowError(/Unrecognized key/);
    try {
      parseJob('pipeline.run', smuggled);
    } catch (error) {
      expect((error as Error).message).not.toContain('Zebediah');
    }
  });

  it('refuses a target table that is not a three-part lower-case name', () => {
    const bad = { ...runJob, pipeline: { ...runJob.pipeline, targetTable: 'claims; DROP TABLE x' } };
    expect(() => parseJob('pipeline.run', bad)).toThrowError(/pipeline.targetTable/);
  });
});

describe('event contracts', () => {
  const succeeded = {
    tenantId,
    runId,
    attempt: 2,
    at: '2026-11-29T10:00:00.000Z',
    bronzeTable: 'healthcare_data.bronze.claims',
    counts: { rowsLoaded: 10, filesLoaded: 1, filesSkipped: 0, filesQuarantined: 0 },
    durationMs: 1200,
  };

  it('gives a re-sent event the same id, and BullMQ-safe ids (no colons)', () => {
    const event = parseEvent('run.succeeded', succeeded);
    expect(eventJobId(event)).toBe(`run.succeeded.${runId}.2`);
    expect(eventJobId(event)).not.toContain(':');
  });

  it('refuses negative counts', () => {
    expect(() => parseEvent('run.succeeded', { ...succeeded, counts: { ...succeeded.counts, rowsLoaded: -1 } })).toThrowError(ContractViolation);
  });
});

describe('names and schedules', () => {
  it('parses three-part table names', () => {
    expect(parseTableName('healthcare_data.silver.claims')).toEqual({ catalog: 'healthcare_data', schema: 'silver', table: 'claims' });
    expect(parseTableName('silver.claims')).toBeNull();
    expect(parseTableName('Healthcare.silver.claims')).toBeNull();
    expect(parseTableName('a.b.c"; --')).toBeNull();
  });

  it('accepts five-field cron only', () => {
    expect(isValidCron('0 6 * * *')).toBe(true);
    expect(isValidCron('*/15 * * * 1-5')).toBe(true);
    expect(isValidCron('61 * * * *')).toBe(false);
    expect(isValidCron('0 0 6 * * *')).toBe(false);
    expect(isValidCron('@daily')).toBe(false);
  });
});

describe('sourcePathProblem', () => {
  it.each([
    ['%2e%2e/x', /percent-encoded/],
    ['claims/%2F..', /percent-encoded/],
    ['claims／..／x', /'\.\.' segments/],
    ['．．/x', /'\.\.' segments/],
    ['／etc／passwd', /relative/],
  ])('refuses %s, which only decodes or normalizes to a traversal', (path, message) => {
    expect(sourcePathProblem(path)).toMatch(message);
  });

  it('accepts ordinary relative paths, patterns and non-ASCII names', () => {
    for (const path of ['claims', 'claims/2026-*.csv', 'données/réclamations.csv', 'a..b/x.csv']) expect(sourcePathProblem(path)).toBeNull();
  });
});
