import { describe, expect, it } from 'vitest';
import { isJobName, JOB_NAMES, jobSchemas, parseJob } from './jobs';
import { ContractViolation } from './violation';

const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const runId = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const pipelineId = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const releaseId = '4da8111e-4955-45ea-9220-244d3d104f66';

const pipeline = {
  name: 'claims',
  dataType: 'professional_claims',
  targetTable: 'healthcare_data.silver.claims',
  source: { path: 'claims/', format: 'csv', options: {} },
};
const runJob = { tenantId, runId, pipelineId, catalogName: 'healthcare_data', pipeline };
const releaseJob = { tenantId, releaseId, pipelineId, catalogName: 'healthcare_data', pipeline, filter: {} };

/** The message parseJob throws, or null when the job is accepted. */
function refusal(name: string, data: unknown): string | null {
  try {
    parseJob(name, data);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ContractViolation);
    return (error as Error).message;
  }
}

const withPipeline = (changes: Record<string, unknown>) => ({ ...runJob, pipeline: { ...pipeline, ...changes } });
const withSource = (changes: Record<string, unknown>) => withPipeline({ source: { ...pipeline.source, ...changes } });

describe('job names', () => {
  it('are the four jobs workers run', () => {
    expect(JOB_NAMES).toEqual(['catalog.provision', 'catalog.health', 'connector.check', 'table.export', 'pipeline.run', 'quality.release']);
    expect(Object.keys(jobSchemas)).toEqual(JOB_NAMES);
    for (const name of JOB_NAMES) expect(isJobName(name)).toBe(true);
  });

  it.each(['pipeline.delete', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'pipeline.scheduled', ''])('does not take %j for a job name', (name) => {
    expect(isJobName(name)).toBe(false);
    expect(refusal(name, runJob)).toBe(`unknown job name '${name}'`);
  });
});

describe('catalog.provision', () => {
  it('carries the tenant, its catalog name and the engine the catalog is on (embedded for jobs queued before engines)', () => {
    const data = { tenantId, catalogName: 'healthcare_data' };
    expect(parseJob('catalog.provision', data)).toEqual({ name: 'catalog.provision', data: { ...data, engine: 'embedded' } });
    expect(parseJob('catalog.provision', { ...data, engine: 'databricks' }).data).toMatchObject({ engine: 'databricks' });
    expect(refusal('catalog.provision', { ...data, engine: 'snowflake' })).toMatch(/^invalid 'catalog.provision' job: engine: /);
  });

  it('refuses a reserved or malformed catalog name', () => {
    expect(refusal('catalog.provision', { tenantId, catalogName: 'memory' })).toBe(
      "invalid 'catalog.provision' job: catalogName: is reserved by the engine (main, memory, system, temp)",
    );
    expect(refusal('catalog.provision', { tenantId, catalogName: 'Healthcare' })).toBe(
      "invalid 'catalog.provision' job: catalogName: must be lower-case letters, digits and underscores, starting with a letter or underscore (max 63)",
    );
  });

  it('lists every problem it finds', () => {
    expect(refusal('catalog.provision', {})).toBe(
      "invalid 'catalog.provision' job: tenantId: Invalid input: expected string, received undefined; catalogName: Invalid input: expected string, received undefined",
    );
  });
});

describe('pipeline.run', () => {
  it('defaults the quality settings to no overrides', () => {
    expect(parseJob('pipeline.run', runJob)).toEqual({ name: 'pipeline.run', data: { ...runJob, engine: 'embedded', pipeline: { ...pipeline, quality: { expectations: [] } } } });
  });

  it('keeps quality settings given', () => {
    const quality = { expectations: [{ id: 'npi.check_digit', enabled: false }], freshnessMaxDays: 7 };
    expect(parseJob('pipeline.run', withPipeline({ quality })).data).toMatchObject({ pipeline: { quality } });
  });

  it('carries the accepted column mapping, by canonical column, numbered from 1', () => {
    const mapping = { version: 3, columns: { claim_id: 'CLMNO', billing_npi: 'Prvdr NPI #' } };
    expect(parseJob('pipeline.run', withPipeline({ mapping })).data).toMatchObject({ pipeline: { mapping } });
    expect(refusal('pipeline.run', withPipeline({ mapping: { ...mapping, version: 0 } }))).toBe(
      "invalid 'pipeline.run' job: pipeline.mapping.version: Too small: expected number to be >=1",
    );
    expect(refusal('pipeline.run', withPipeline({ mapping: { version: 1, columns: { 'Claim ID': 'CLMNO' } } }))).toBe(
      "invalid 'pipeline.run' job: pipeline.mapping.columns.Claim ID: Invalid key in record",
    );
    expect(refusal('pipeline.run', withPipeline({ mapping: { version: 1, columns: { claim_id: '' } } }))).toMatch(/^invalid 'pipeline.run' job: pipeline\.mapping\.columns\.claim_id: Too small/);
  });

  it.each(['tenantId', 'runId', 'pipelineId'])('requires %s as a uuid', (field) => {
    expect(refusal('pipeline.run', { ...runJob, [field]: 'run-1' })).toBe(`invalid 'pipeline.run' job: ${field}: Invalid UUID`);
    const { [field as keyof typeof runJob]: _, ...rest } = runJob;
    expect(refusal('pipeline.run', rest)).toBe(`invalid 'pipeline.run' job: ${field}: Invalid input: expected string, received undefined`);
  });

  it('takes a pipeline name of 1 to 64 characters', () => {
    expect(parseJob('pipeline.run', withPipeline({ name: 'c' })).data).toMatchObject({ pipeline: { name: 'c' } });
    expect(parseJob('pipeline.run', withPipeline({ name: 'c'.repeat(64) })).data).toMatchObject({ pipeline: { name: 'c'.repeat(64) } });
    expect(refusal('pipeline.run', withPipeline({ name: '' }))).toBe("invalid 'pipeline.run' job: pipeline.name: Too small: expected string to have >=1 characters");
    expect(refusal('pipeline.run', withPipeline({ name: 'c'.repeat(65) }))).toBe("invalid 'pipeline.run' job: pipeline.name: Too big: expected string to have <=64 characters");
  });

  it.each(['professional_claims', 'institutional_claims', 'pharmacy_claims', 'providers', 'eligibility'])('carries the data type %s', (dataType) => {
    expect(parseJob('pipeline.run', withPipeline({ dataType })).data).toMatchObject({ pipeline: { dataType } });
  });

  it('refuses an unknown data type', () => {
    expect(refusal('pipeline.run', withPipeline({ dataType: 'dental_claims' }))).toBe(
      `invalid 'pipeline.run' job: pipeline.dataType: Invalid option: expected one of "professional_claims"|"institutional_claims"|"pharmacy_claims"|"providers"|"eligibility"|"remittance"`,
    );
  });

  it.each(['csv', 'ndjson', 'parquet', 'x12'])('reads the format %s', (format) => {
    expect(parseJob('pipeline.run', withSource({ format })).data).toMatchObject({ pipeline: { source: { format } } });
  });

  it('refuses an unknown format', () => {
    expect(refusal('pipeline.run', withSource({ format: 'xlsx' }))).toBe(
      `invalid 'pipeline.run' job: pipeline.source.format: Invalid option: expected one of "csv"|"ndjson"|"parquet"|"x12"`,
    );
  });

  it('refuses a source path outside the landing zone, by field', () => {
    expect(refusal('pipeline.run', withSource({ path: '../other-tenant/claims' }))).toBe("invalid 'pipeline.run' job: pipeline.source.path: must not contain '..' segments");
    expect(refusal('pipeline.run', withSource({ path: '' }))).toBe("invalid 'pipeline.run' job: pipeline.source.path: Too small: expected string to have >=1 characters");
  });

  it('checks the reader options, by field', () => {
    expect(parseJob('pipeline.run', withSource({ options: { delimiter: '|', state: 'NY' } })).data).toMatchObject({ pipeline: { source: { options: { delimiter: '|', state: 'NY' } } } });
    expect(refusal('pipeline.run', withSource({ options: { delimiter: '||' } }))).toBe("invalid 'pipeline.run' job: pipeline.source.options.delimiter: must be a single character");
  });

  it('requires the whole source', () => {
    expect(refusal('pipeline.run', withPipeline({ source: { path: 'claims/', format: 'csv' } }))).toBe(
      "invalid 'pipeline.run' job: pipeline.source.options: Invalid input: expected object, received undefined",
    );
  });

  it('refuses a target table that is not a three-part lower-case name', () => {
    expect(refusal('pipeline.run', withPipeline({ targetTable: 'silver.claims' }))).toMatch(/^invalid 'pipeline.run' job: pipeline\.targetTable: Invalid string: must match pattern/);
  });

  it('refuses credentials and row data smuggled at any level, naming the key but never the value', () => {
    const secret = 'Zebediah-s3cr3t';
    expect(refusal('pipeline.run', { ...runJob, password: secret })).toBe(`invalid 'pipeline.run' job: (root): Unrecognized key: "password"`);
    expect(refusal('pipeline.run', withPipeline({ rows: [{ patient: secret }] }))).toBe(`invalid 'pipeline.run' job: pipeline: Unrecognized key: "rows"`);
    expect(refusal('pipeline.run', withSource({ token: secret }))).toBe(`invalid 'pipeline.run' job: pipeline.source: Unrecognized key: "token"`);
    expect(refusal('pipeline.run', withPipeline({ name: `${secret}`.repeat(5) }))).not.toContain(secret);
  });

  it('refuses unsafe expectation SQL, naming the expectation', () => {
    const quality = { expectations: [{ id: 'custom.peek', sql: "read_text('/etc/passwd') <> ''" }] };
    expect(refusal('pipeline.run', withPipeline({ quality }))).toBe(
      "invalid 'pipeline.run' job: pipeline.quality.expectations.0.sql: calls 'read_text', which is not an allowed function",
    );
  });

  it('refuses what is not an object', () => {
    expect(refusal('pipeline.run', undefined)).toBe("invalid 'pipeline.run' job: (root): Invalid input: expected object, received undefined");
  });
});

describe('quality.release', () => {
  it('carries the pipeline and the filter of rows to re-evaluate', () => {
    expect(parseJob('quality.release', releaseJob)).toEqual({
      name: 'quality.release',
      data: { ...releaseJob, engine: 'embedded', pipeline: { ...pipeline, quality: { expectations: [] } } },
    });
    const filter = { rules: ['npi.check_digit'], runId };
    expect(parseJob('quality.release', { ...releaseJob, filter }).data).toMatchObject({ filter });
  });

  it('requires the release id and the filter, and no run id', () => {
    const { releaseId: _, filter: __, ...rest } = releaseJob;
    expect(refusal('quality.release', rest)).toBe(
      "invalid 'quality.release' job: releaseId: Invalid input: expected string, received undefined; filter: Invalid input: expected object, received undefined",
    );
    expect(refusal('quality.release', { ...releaseJob, runId })).toBe(`invalid 'quality.release' job: (root): Unrecognized key: "runId"`);
  });

  it('checks the filter', () => {
    expect(refusal('quality.release', { ...releaseJob, filter: { runId: 'last' } })).toBe("invalid 'quality.release' job: filter.runId: Invalid UUID");
  });
});
