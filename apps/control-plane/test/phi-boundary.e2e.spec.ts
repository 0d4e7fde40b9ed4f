import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phiColumns as phiColumnsOf, todayIsoDate } from '@ade/healthcare';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { eventually } from '@ade/testing';
import { captureOutput, dumpPostgresSchema, dumpRedisPrefix, findMarkers, startLoggedPlatform } from './phi-boundary.harness';
import { as, createPipeline, land, triggerRun, waitForRunEnd } from './run-flow';

const TABLE = 'professional_claims';
const ROWS = 50;

// Recognizable PHI, one marker per phi:true column the fixture carries (dates apart from the birth
// date are ordinary calendar days that also occur in timestamps, so they cannot be scanned for).
const FIRST_NAME = 'Zebediahphi';
const LAST_NAME = 'Quixotephi';
const MEMBER_RUN = '773091'; // every member id is KS773091nnn
const PERSON_RUN = 'PMPI55190'; // every person id is PMPI55190nnn
const CLAIM_RUN = 'PHICLM4821'; // every claim id is PHICLM4821nnn
const BIRTH_DATE = '1931-02-17';
const BIRTH_FORMS = ['1931-02-17', '19310217', '02/17/1931'];
const pad3 = (n: number) => String(n).padStart(3, '0');

/** Row indexes (0-based data rows) with something planted in them. */
const PLANT = {
  birthSlashes: 3, // 02/17/1931 -> repaired, original kept in _repairs
  birthCompact: 4, // 19310217 -> repaired
  badNpi: 5, // billing NPI check digit off
  malformedIcd: 6, // E11.91234
  lowerIcd: 7, // lower-case diagnosis -> code.trim_upper
  badMemberId: 8, // KS-773091-008 fails medicaid_id.format (masked sample of a PHI column)
  badBirthDate: 9, // 1931-02-170 fails date.format on patient_birth_date
  duplicateOf: 11, // row 10 repeats row 11's business key
  duplicate: 10,
  lowerMemberId: 12, // ks773091012 (member ids are not repaired) fails medicaid_id.format
} as const;

/**
 * The PHI boundary: row-level data never leaves the data plane. A full pipeline runs on claims whose
 * PHI columns hold recognizable values; afterwards no PostgreSQL row, Redis key or value, log line
 * or API response may contain any of them, while the tenant's catalog does.
 */
describe('the PHI boundary', () => {
  const output = captureOutput();
  let platform: Awaited<ReturnType<typeof startLoggedPlatform>>;
  const responses: Array<{ path: string; body: string }> = [];
  const asOf = todayIsoDate();

  const phiColumns = phiColumnsOf('professional_claims');
  const markers = [FIRST_NAME, LAST_NAME, `KS${MEMBER_RUN}`, `KS-${MEMBER_RUN}`, MEMBER_RUN, PERSON_RUN, CLAIM_RUN, ...BIRTH_FORMS];

  beforeAll(async () => {
    output.start();
    platform = await startLoggedPlatform('phi-boundary');
  });
  afterAll(async () => {
    try {
      await platform?.close();
    } finally {
      output.stop();
    }
  });

  const admin = () => as(platform.tenant.admin.token);
  const record = <R extends { status: number; text: string; body: unknown }>(path: string, response: R): R => {
    responses.push({ path, body: response.text ?? JSON.stringify(response.body) });
    return response;
  };
  const get = async (path: string): Promise<any> => record(path, await platform.cp.http().get(path).set(admin()).expect(200)).body;
  const poll = async (path: string): Promise<any> => {
    const response = record(path, await platform.cp.http().get(path).set(admin()));
    return response.status === 200 ? response.body : undefined;
  };

  /** Synthetic claims whose PHI columns are replaced by the markers, with defects and repairables planted. */
  async function fixture(): Promise<string> {
    const scratch = join(platform.dataDir, 'phi.generated.csv');
    await writeProfessionalClaimsCsv(scratch, { seed: 97, rows: ROWS, asOf, defectRate: 0 });
    const [headerLine, ...lines] = (await readFile(scratch, 'utf8')).trimEnd().split('\n');
    expect(headerLine!.includes('"') || lines.some((l) => l.includes('"'))).toBe(false);
    const header = [...headerLine!.split(','), 'person_id'];
    const col = (name: string) => {
      const index = header.indexOf(name);
      if (index < 0) throw new Error(`the generated CSV has no ${name} column`);
      return index;
    };
    const claimIds = new Map<string, string>();
    const rows = lines.map((line, i) => {
      const f = [...line.split(','), `${PERSON_RUN}${pad3(i)}`];
      const claim = f[col('claim_id')]!;
      if (!claimIds.has(claim)) claimIds.set(claim, `${CLAIM_RUN}${pad3(claimIds.size)}`);
      f[col('claim_id')] = claimIds.get(claim)!;
      f[col('member_id')] = `KS${MEMBER_RUN}${pad3(i)}`;
      f[col('patient_first_name')] = FIRST_NAME;
      f[col('patient_last_name')] = LAST_NAME;
      f[col('patient_birth_date')] = BIRTH_DATE;
      f[col('state')] = 'KS';
      f[col('payer')] = 'Medicaid';
      f[col('plan')] = 'KS Medicaid Managed Care';
      return f;
    });
    const r = (i: number) => rows[i]!;
    r(PLANT.birthSlashes)[col('patient_birth_date')] = '02/17/1931';
    r(PLANT.birthCompact)[col('patient_birth_date')] = '19310217';
    const npi = r(PLANT.badNpi)[col('billing_npi')]!;
    r(PLANT.badNpi)[col('billing_npi')] = npi.slice(0, 9) + String((Number(npi[9]) + 1) % 10);
    r(PLANT.malformedIcd)[col('diagnosis_code_1')] = 'E11.91234';
    r(PLANT.lowerIcd)[col('diagnosis_code_1')] = r(PLANT.lowerIcd)[col('diagnosis_code_1')]!.toLowerCase();
    r(PLANT.badMemberId)[col('member_id')] = `KS-${MEMBER_RUN}-${pad3(PLANT.badMemberId)}`;
    r(PLANT.badBirthDate)[col('patient_birth_date')] = `${BIRTH_DATE}0`;
    rows[PLANT.duplicate] = [...r(PLANT.duplicateOf)];
    r(PLANT.lowerMemberId)[col('member_id')] = `ks${MEMBER_RUN}${pad3(PLANT.lowerMemberId)}`;
    return [header.join(','), ...rows.map((f) => f.join(','))].join('\n') + '\n';
  }

  it('keeps every PHI value of a full pipeline run out of PostgreSQL, Redis, the logs and the API', async () => {
    expect(phiColumns).toEqual(expect.arrayContaining(['claim_id', 'person_id', 'member_id', 'patient_first_name', 'patient_last_name', 'patient_birth_date']));

    const csv = await fixture();
    // The scanner itself: every marker is found in the fixture, whatever its case.
    expect(findMarkers(csv.toUpperCase(), markers).map((hit) => hit.marker)).toEqual(markers);
    await land(platform.dataDir, platform.tenant.tenantId, 'phi/claims.csv', csv);
    await land(platform.dataDir, platform.tenant.tenantId, 'phi-strict/claims.csv', csv);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'phi', sourcePath: 'phi', targetTable: `healthcare_data.silver.${TABLE}` });
    const runId = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    const ended = await waitForRunEnd(platform.cp, platform.tenant, runId, 30_000);
    record(`/v1/runs/${runId}`, { status: 200, text: JSON.stringify(ended), body: ended });
    expect(ended.status).toBe('succeeded');

    const check = await eventually(() => poll(`/v1/quality/tables/${TABLE}`), (body) => body?.report?.runId === runId, { timeoutMs: 15_000, what: 'the quality report' });
    const failed = new Set((check.report.expectations as Array<{ id: string; failed: number }>).filter((e) => e.failed > 0).map((e) => e.id));
    expect([...failed].sort()).toEqual(
      ['date.format:patient_birth_date', 'icd10cm.format:diagnosis_code_1', 'integrity.duplicate_line:claim_id', 'medicaid_id.format:member_id', 'npi.check_digit:billing_npi'],
    );
    const quarantined = check.report.rows.quarantined as number;
    expect(quarantined).toBeGreaterThanOrEqual(5);
    expect(check.report.rows.repaired).toBeGreaterThanOrEqual(3);

    const lineage = await eventually(() => poll(`/v1/lineage?table=${TABLE}`), (body) => (body?.edges?.length ?? 0) >= 3, { timeoutMs: 15_000, what: 'the lineage' });
    expect(lineage.edges.length).toBeGreaterThanOrEqual(3);

    // A released rule: rows go quarantine -> silver through a quality.release job.
    const patch = await platform.cp.http().patch(`/v1/pipelines/${pipeline.id}`).set(admin()).send({ quality: { expectations: [{ id: 'npi.check_digit', action: 'warn' }] } }).expect(200);
    record(`PATCH /v1/pipelines/${pipeline.id}`, patch);
    const posted = record('POST /v1/quality/quarantine/release', await platform.cp.http().post('/v1/quality/quarantine/release').set(admin()).send({ table: TABLE, rules: ['npi.check_digit'] }).expect(202));
    const releaseId = (posted.body as { releaseId: string }).releaseId;
    const release = await eventually(() => get(`/v1/quality/quarantine/releases/${releaseId}`), (body) => body.status !== 'queued' && body.status !== 'running', { timeoutMs: 20_000, what: 'the release to finish' });
    expect(release).toMatchObject({ status: 'succeeded', released: 1 });

    // A run that fails on its PHI column: its error, incident and failure logs must not carry values either.
    const strict = await createPipeline(platform.cp, platform.tenant, {
      name: 'phi-strict',
      sourcePath: 'phi-strict',
      targetTable: `healthcare_data.silver.${TABLE}_strict`,
      quality: { expectations: [{ id: 'medicaid_id.format', action: 'fail' }] },
    });
    const strictRunId = await triggerRun(platform.cp, platform.tenant, strict.id);
    const strictEnded = await waitForRunEnd(platform.cp, platform.tenant, strictRunId, 30_000);
    record(`/v1/runs/${strictRunId}`, { status: 200, text: JSON.stringify(strictEnded), body: strictEnded });
    expect(strictEnded.status).toBe('failed');
    expect(strictEnded.error).toMatchObject({ code: 'expectation_failed' });

    // What `ade quality check`, `ade quality quarantine`, `ade lineage`, runs and incidents read.
    for (const path of [
      `/v1/quality/tables/${TABLE}`,
      `/v1/quality/runs/${runId}`,
      `/v1/quality/trends?table=${TABLE}&days=30`,
      `/v1/quality/anomalies?table=${TABLE}&days=30`,
      `/v1/quality/quarantine?table=${TABLE}`,
      `/v1/quality/alerts`,
      `/v1/lineage?table=${TABLE}`,
      `/v1/lineage?table=healthcare_data.silver.${TABLE}_quarantine`,
      '/v1/runs',
      `/v1/runs/${runId}`,
      `/v1/pipelines/${pipeline.id}`,
      `/v1/pipelines/${pipeline.id}/runs`,
      `/v1/pipelines/${pipeline.id}/incidents`,
      `/v1/pipelines/${strict.id}/incidents`,
      `/v1/runs/${strictRunId}`,
      `/v1/pipelines/${pipeline.id}/drift`,
      `/v1/pipelines/${pipeline.id}/schema-versions`,
      '/v1/incidents',
      '/v1/catalog',
    ]) {
      await get(path);
    }
    const quarantine = responses.filter((r) => r.path === `/v1/quality/quarantine?table=${TABLE}`).at(-1)!;
    expect(JSON.parse(quarantine.body).total).toMatchObject({ quarantined, released: 1 });

    // The data really went through: the markers are in the tenant's catalog (silver, quarantine, _repairs).
    const catalogText = await platform.withCatalog(async (catalog) => {
      const silver = await catalog.query(`SELECT to_json(t)::VARCHAR AS j FROM healthcare_data.silver.${TABLE} t`);
      const held = await catalog.query(`SELECT to_json(t)::VARCHAR AS j FROM healthcare_data.silver.${TABLE}_quarantine t`);
      return { silver: silver.map((r) => String(r['j'])).join('\n'), quarantine: held.map((r) => String(r['j'])).join('\n') };
    });
    for (const marker of [FIRST_NAME, LAST_NAME, `KS${MEMBER_RUN}000`, `${PERSON_RUN}000`, `${CLAIM_RUN}000`, BIRTH_DATE, '02/17/1931', '19310217']) {
      expect(catalogText.silver, `silver holds ${marker}`).toContain(marker);
    }
    for (const marker of [FIRST_NAME, `KS-${MEMBER_RUN}-008`, `ks${MEMBER_RUN}012`, `${BIRTH_DATE}0`]) {
      expect(catalogText.quarantine, `the quarantine holds ${marker}`).toContain(marker);
    }

    // The scan. Logs must really have been captured for the log scan to mean anything.
    const postgres = await dumpPostgresSchema(platform.schema);
    const redis = await dumpRedisPrefix(platform.queuePrefix);
    const logs = output.text();
    expect(postgres.some((r) => r.table === 'quality_reports' || r.row.includes(runId))).toBe(true);
    expect(redis.length).toBeGreaterThan(0);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).toContain('"level"');

    const leaks = [
      ...postgres.flatMap(({ table, row }) => findMarkers(row, markers).map((hit) => ({ where: `postgres ${platform.schema}.${table}`, ...hit }))),
      ...redis.flatMap(({ key, type, value }) => findMarkers(`${key} ${value}`, markers).map((hit) => ({ where: `redis ${type} ${key}`, ...hit }))),
      ...findMarkers(logs, markers).map((hit) => ({ where: 'logs', ...hit })),
      ...responses.flatMap(({ path, body }) => findMarkers(body, markers).map((hit) => ({ where: `http ${path}`, ...hit }))),
    ];
    expect(leaks).toEqual([]);
  });

  it('fails a headerless file as unreadable, so its first record never becomes column names outside the data plane', async () => {
    // The first line is a record: a member id, names, a birth date, an NPI and an amount.
    const headerless = [
      `KS${MEMBER_RUN}901,${FIRST_NAME},${LAST_NAME},${BIRTH_DATE},1234567893,150.00`,
      `KS${MEMBER_RUN}902,${FIRST_NAME},${LAST_NAME},${BIRTH_DATE},1234567893,75.00`,
    ].join('\n');
    await land(platform.dataDir, platform.tenant.tenantId, 'headerless/2026-05.csv', `${headerless}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'headerless', sourcePath: 'headerless', targetTable: 'healthcare_data.silver.headerless_claims' });
    const runId = await triggerRun(platform.cp, platform.tenant, pipeline.id);
    const run = await waitForRunEnd(platform.cp, platform.tenant, runId);
    expect(run).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 0, filesLoaded: 0, filesQuarantined: 1 } });
    const incidents = await get(`/v1/pipelines/${pipeline.id}/incidents`);
    expect(JSON.stringify(incidents)).toContain('its first line holds values, not column names (6 of 6 cells are numbers, dates, identifiers or values that recur below them)');

    const postgres = await dumpPostgresSchema(platform.schema);
    const redis = await dumpRedisPrefix(platform.queuePrefix);
    const leaks = [
      ...postgres.flatMap(({ table, row }) => findMarkers(row, markers).map((hit) => ({ where: `postgres ${platform.schema}.${table}`, ...hit }))),
      ...redis.flatMap(({ key, type, value }) => findMarkers(`${key} ${value}`, markers).map((hit) => ({ where: `redis ${type} ${key}`, ...hit }))),
      ...findMarkers(output.text(), markers).map((hit) => ({ where: 'logs', ...hit })),
    ];
    expect(leaks).toEqual([]);
  });

  it('fails a headerless file with no date or amount in its first record too: member ids, e-mail addresses and UUIDs are values', async () => {
    const memberId = `KS${MEMBER_RUN}903`;
    const headerless = [`${memberId},${FIRST_NAME},${LAST_NAME.toLowerCase()}@example.org,6d1c0b0e-6a55-4cf5-9d77-${MEMBER_RUN}000001`, `KS${MEMBER_RUN}904,${FIRST_NAME},${LAST_NAME.toLowerCase()}@example.org,6d1c0b0e-6a55-4cf5-9d77-${MEMBER_RUN}000002`].join('\n');
    await land(platform.dataDir, platform.tenant.tenantId, 'members-headerless/2026-05.csv', `${headerless}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'members-headerless', sourcePath: 'members-headerless', targetTable: 'healthcare_data.silver.headerless_members' });
    const run = await waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipeline.id));
    expect(run).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 0, filesLoaded: 0, filesQuarantined: 1 } });
    const incidents = JSON.stringify(await get(`/v1/pipelines/${pipeline.id}/incidents`));
    expect(incidents).toContain('its first line holds values, not column names (4 of 4 cells are numbers, dates, identifiers or values that recur below them)');
    expect(incidents).not.toContain(MEMBER_RUN);
    const schemaVersions = await get(`/v1/pipelines/${pipeline.id}/schema-versions`);
    expect(JSON.stringify(schemaVersions)).not.toContain(MEMBER_RUN);
    const postgres = await dumpPostgresSchema(platform.schema);
    expect(postgres.flatMap(({ table, row }) => findMarkers(row, markers).map((hit) => ({ table, ...hit })))).toEqual([]);
  });

  it('fails a headerless file of names alone: a first record whose names recur below it in the same columns', async () => {
    const headerless = [`${FIRST_NAME},${LAST_NAME},Wichita`, `${FIRST_NAME},${LAST_NAME},Topeka`, `Abigailphi,${LAST_NAME},Wichita`].join('\n');
    await land(platform.dataDir, platform.tenant.tenantId, 'names-headerless/2026-05.csv', `${headerless}\n`);
    const pipeline = await createPipeline(platform.cp, platform.tenant, { name: 'names-headerless', sourcePath: 'names-headerless', targetTable: 'healthcare_data.silver.headerless_names' });
    const run = await waitForRunEnd(platform.cp, platform.tenant, await triggerRun(platform.cp, platform.tenant, pipeline.id));
    expect(run).toMatchObject({ status: 'succeeded', counts: { rowsLoaded: 0, filesLoaded: 0, filesQuarantined: 1 } });
    expect(JSON.stringify(await get(`/v1/pipelines/${pipeline.id}/incidents`))).toContain('its first line holds values, not column names (3 of 3 cells are numbers, dates, identifiers or values that recur below them)');
    const postgres = await dumpPostgresSchema(platform.schema);
    expect(postgres.flatMap(({ table, row }) => findMarkers(row, markers).map((hit) => ({ table, ...hit })))).toEqual([]);
  });
});
