import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startControlPlane, type ControlPlaneHarness } from './control-plane.harness';
import { createTenant, pipelineBody, type TenantFixture } from './factories';

/**
 * Bad input over the API: oversized and deep bodies, SQL/identifier injection in table names and
 * filters, path traversal in source paths, unicode tricks and malformed ids. Every case is sent
 * by a tenant admin and must get a clean 4xx in the standard error body that echoes nothing back,
 * leaks no stack or SQL, and changes nothing (API snapshot and row counts of every table).
 */

const MAX_BODY_BYTES = 1024 * 1024; // the documented default; the harness does not override it
const THRESHOLD_TABLE = 'healthcare_data.silver.professional_claims';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface BadInputCase {
  name: string;
  method: Method;
  /** Path and query as sent (already percent-encoded where needed). */
  path: string;
  body?: unknown;
  /** A raw body sent as application/json (for bytes JSON.stringify cannot produce). */
  raw?: Buffer;
  status: number;
  error: string;
  /** For validation errors: the field `fields` must name. */
  field?: string;
  /** Submitted values the answer must not contain. */
  secrets: string[];
}

const enc = encodeURIComponent;

function nested(depth: number): unknown {
  let value: unknown = 'deep-leaf-marker';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

const createWith = (overrides: Record<string, unknown>) => pipelineBody(overrides);

/** One POST /v1/pipelines case with a bad field. */
function badPipeline(name: string, overrides: Record<string, unknown>, field: string): BadInputCase {
  const secrets = Object.values(overrides).filter((v): v is string => typeof v === 'string');
  return { name, method: 'post', path: '/v1/pipelines', body: createWith(overrides), status: 400, error: 'validation_failed', field, secrets };
}

function badExpectationSql(name: string, sql: string): BadInputCase {
  return {
    name,
    method: 'post',
    path: '/v1/pipelines',
    body: createWith({ quality: { expectations: [{ id: 'custom.injected', sql }] } }),
    status: 400,
    error: 'validation_failed',
    field: 'quality.expectations.0.sql',
    secrets: [sql],
  };
}

const TABLE_INJECTIONS = ["x' OR '1'='1", 'x;--', '../x', 'silver.x.y.z'];

const tableCases: BadInputCase[] = TABLE_INJECTIONS.flatMap((table) => [
  { name: `GET /v1/quality/tables/:table with ${table}`, method: 'get' as const, path: `/v1/quality/tables/${enc(table)}` },
  { name: `GET /v1/lineage?table=${table}`, method: 'get' as const, path: `/v1/lineage?table=${enc(table)}` },
  { name: `GET /v1/quality/quarantine?table=${table}`, method: 'get' as const, path: `/v1/quality/quarantine?table=${enc(table)}` },
  { name: `GET /v1/quality/alerts/:table with ${table}`, method: 'get' as const, path: `/v1/quality/alerts/${enc(table)}` },
  {
    name: `PUT /v1/quality/alerts/:table with ${table}`,
    method: 'put' as const,
    path: `/v1/quality/alerts/${enc(table)}`,
    body: { minQuality: 0.5 },
  },
]).map((c) => ({ ...c, status: 400, error: 'validation_failed', field: 'table', secrets: [decodeURIComponent(c.path.split(/[/=]/).pop()!)] }));

const CASES: BadInputCase[] = [
  // --- size and depth
  {
    name: 'oversized JSON body to POST /v1/pipelines',
    method: 'post',
    path: '/v1/pipelines',
    body: createWith({ options: { delimiter: ',' }, padding: 'oversized-marker-'.repeat(Math.ceil((MAX_BODY_BYTES + 1024) / 17)) }),
    status: 413,
    error: 'payload_too_large',
    secrets: ['oversized-marker-'],
  },
  {
    name: 'JSON nested 100 levels deep to POST /v1/pipelines',
    method: 'post',
    path: '/v1/pipelines',
    body: createWith({ options: nested(100) }),
    status: 400,
    error: 'validation_failed',
    field: '(request)',
    secrets: ['deep-leaf-marker'],
  },

  // --- SQL / identifier injection in pipeline fields
  badPipeline('targetTable with a stacked DROP TABLE', { targetTable: 'healthcare_data.silver.x; DROP TABLE pipelines' }, 'targetTable'),
  badPipeline('targetTable with a quoted identifier', { targetTable: 'healthcare_data.silver."x"' }, 'targetTable'),
  badPipeline('targetTable with a quote injection', { targetTable: "healthcare_data.silver.x' OR '1'='1" }, 'targetTable'),
  badPipeline('targetTable with four parts', { targetTable: 'healthcare_data.silver.x.y' }, 'targetTable'),
  badPipeline('pipeline name with quotes', { name: `x'); DROP TABLE pipelines; --` }, 'name'),
  badPipeline('pipeline name with double quotes', { name: 'x"y' }, 'name'),
  badExpectationSql('expectation SQL with a stacked statement', '1=1; DROP TABLE x'),
  badExpectationSql('expectation SQL reading a file', "read_csv('/etc/passwd') IS NOT NULL"),
  badExpectationSql('expectation SQL with a subquery', '(SELECT count(*) FROM information_schema.tables) > 0'),
  // A bare `--` or `/* */` is not refused, and need not be: the worker re-joins the checked tokens
  // with spaces (`- -`, `/ *`), so no comment reaches the engine. A statement separator is refused.
  badExpectationSql('expectation SQL with a separator and a trailing comment', 'paid_amount > 0; -- AND 1=0'),
  badExpectationSql('expectation SQL attaching a database', "paid_amount > 0 OR attach('/tmp/x.db')"),

  // --- SQL / identifier injection in table names and filters
  ...tableCases,
  {
    name: "GET /v1/pipelines?name=' OR 1=1 --",
    method: 'get',
    path: `/v1/pipelines?name=${enc("' OR 1=1 --")}`,
    status: 400,
    error: 'validation_failed',
    field: 'name',
    secrets: ["' OR 1=1 --"],
  },
  {
    name: 'GET /v1/runs?limit=1;DROP',
    method: 'get',
    path: `/v1/runs?limit=${enc('1;DROP')}`,
    status: 400,
    error: 'validation_failed',
    field: 'limit',
    secrets: ['1;DROP'],
  },
  {
    name: "GET /v1/runs?status=queued' OR '1'='1",
    method: 'get',
    path: `/v1/runs?status=${enc("queued' OR '1'='1")}`,
    status: 400,
    error: 'validation_failed',
    field: 'status',
    secrets: ["queued' OR '1'='1"],
  },
  {
    name: 'GET /v1/quality/trends?days=-1',
    method: 'get',
    path: `/v1/quality/trends?table=professional_claims&days=-1`,
    status: 400,
    error: 'validation_failed',
    field: 'days',
    secrets: [],
  },
  {
    name: 'GET /v1/quality/trends?days=1e9',
    method: 'get',
    path: `/v1/quality/trends?table=professional_claims&days=1e9`,
    status: 400,
    error: 'validation_failed',
    field: 'days',
    secrets: ['1e9'],
  },
  {
    name: 'GET /v1/quality/anomalies?limit=1;DROP',
    method: 'get',
    path: `/v1/quality/anomalies?limit=${enc('1;DROP')}`,
    status: 400,
    error: 'validation_failed',
    field: 'limit',
    secrets: ['1;DROP'],
  },
  {
    name: 'GET /v1/quality/alerts?limit=1 OR 1=1',
    method: 'get',
    path: `/v1/quality/alerts?limit=${enc('1 OR 1=1')}`,
    status: 400,
    error: 'validation_failed',
    field: 'limit',
    secrets: ['1 OR 1=1'],
  },

  // --- path traversal in sourcePath
  badPipeline('sourcePath ../other/x.csv', { sourcePath: '../other/x.csv' }, 'sourcePath'),
  badPipeline('sourcePath claims/../../x', { sourcePath: 'claims/../../x' }, 'sourcePath'),
  badPipeline('sourcePath /etc/passwd', { sourcePath: '/etc/passwd' }, 'sourcePath'),
  badPipeline('sourcePath %2e%2e/x (percent-encoded dots)', { sourcePath: '%2e%2e/x' }, 'sourcePath'),
  badPipeline('sourcePath claims\\..\\..\\x (backslashes)', { sourcePath: 'claims\\..\\..\\x' }, 'sourcePath'),
  badPipeline('sourcePath ~/.ssh', { sourcePath: '~/.ssh' }, 'sourcePath'),
  badPipeline('sourcePath C:\\x', { sourcePath: 'C:\\x' }, 'sourcePath'),
  badPipeline('sourcePath with a NUL byte', { sourcePath: 'claims.csv\u0000.txt' }, 'sourcePath'),
  {
    name: 'PATCH /v1/pipelines/:id with sourcePath ../other/x.csv',
    method: 'patch',
    path: '/v1/pipelines/:existing',
    body: { sourcePath: '../other/x.csv' },
    status: 400,
    error: 'validation_failed',
    field: 'sourcePath',
    secrets: ['../other/x.csv'],
  },

  // --- unicode tricks
  badPipeline('name with a right-to-left override (U+202E)', { name: 'claims\u202Evsc' }, 'name'),
  badPipeline('name with a zero-width space (U+200B)', { name: 'clai\u200Bms' }, 'name'),
  badPipeline('name with a zero-width joiner (U+200D)', { name: 'clai\u200Dms' }, 'name'),
  badPipeline('targetTable with fullwidth dots', { targetTable: 'healthcare_data\uFF0Esilver\uFF0Ex' }, 'targetTable'),
  badPipeline('sourcePath with fullwidth solidus claims／..／x', { sourcePath: 'claims\uFF0F..\uFF0Fx' }, 'sourcePath'),
  badPipeline('targetTable with a Cyrillic homoglyph а', { targetTable: 'healthcare_data.silver.cl\u0430ims' }, 'targetTable'),
  {
    name: 'GET /v1/lineage?table= with a Cyrillic homoglyph а',
    method: 'get',
    path: `/v1/lineage?table=${enc('cl\u0430ims')}`,
    status: 400,
    error: 'validation_failed',
    field: 'table',
    secrets: ['cl\u0430ims'],
  },
  badPipeline('name with a lone surrogate', { name: 'claims\uD800' }, 'name'),
  {
    name: 'raw body with overlong and invalid UTF-8 bytes',
    method: 'post',
    path: '/v1/pipelines',
    raw: Buffer.concat([
      Buffer.from('{"name":"claims'),
      Buffer.from([0xc0, 0xaf, 0xe0, 0x80, 0xaf, 0xff, 0xfe]), // overlong '/' (2 and 3 bytes), invalid bytes
      Buffer.from(`","dataType":"professional_claims","sourcePath":"claims.csv","targetTable":"${THRESHOLD_TABLE}"}`),
    ]),
    status: 400,
    error: 'validation_failed',
    field: 'name',
    secrets: [],
  },

  // --- malformed ids
  { name: 'GET /v1/pipelines/not-a-uuid', method: 'get', path: '/v1/pipelines/not-a-uuid', status: 404, error: 'not_found', secrets: ['not-a-uuid'] },
  {
    name: "PATCH /v1/pipelines/1' OR '1'='1",
    method: 'patch',
    path: `/v1/pipelines/${enc("1' OR '1'='1")}`,
    body: { schedule: null },
    status: 404,
    error: 'not_found',
    secrets: ["1' OR '1'='1"],
  },
  { name: 'DELETE /v1/pipelines/not-a-uuid', method: 'delete', path: '/v1/pipelines/not-a-uuid', status: 404, error: 'not_found', secrets: ['not-a-uuid'] },
  {
    name: 'POST /v1/pipelines/not-a-uuid/runs',
    method: 'post',
    path: '/v1/pipelines/not-a-uuid/runs',
    status: 404,
    error: 'not_found',
    secrets: ['not-a-uuid'],
  },
  {
    name: 'GET /v1/runs/00000000-0000-0000-0000-000000000000',
    method: 'get',
    path: '/v1/runs/00000000-0000-0000-0000-000000000000',
    status: 404,
    error: 'not_found',
    secrets: ['00000000-0000-0000-0000-000000000000'],
  },
  { name: 'GET /v1/runs/not-a-uuid', method: 'get', path: '/v1/runs/not-a-uuid', status: 404, error: 'not_found', secrets: ['not-a-uuid'] },
  {
    name: 'GET /v1/quality/quarantine/releases/..%2F..%2Fetc',
    method: 'get',
    path: '/v1/quality/quarantine/releases/..%2F..%2Fetc',
    status: 404,
    error: 'not_found',
    secrets: ['../../etc'],
  },
];

/** Stack frames, SQL and driver/ORM internals that must never reach a caller. */
const LEAKS: RegExp[] = [
  /\bat [\w$.<>]+ \(/, // stack frame "at fn (file:line)"
  /\n\s+at /,
  /node_modules/,
  /\.(ts|js|mjs|cjs):\d+/,
  /QueryFailedError|DatabaseError|PostgresError|ZodError/,
  /\bSELECT\b[\s\S]*\bFROM\b/i,
  /\b(INSERT INTO|DELETE FROM|UPDATE \w+ SET|DROP TABLE)\b/i,
  /syntax error at or near|relation "[^"]*" does not exist|duplicate key value/i,
  /"stack"|"errorId"/,
];

describe('bad input over the API', () => {
  let cp: ControlPlaneHarness;
  let tenant: TenantFixture;
  let db: Client;
  let existingPipelineId: string;

  const auth = () => ({ authorization: `Bearer ${tenant.admin.token}` });

  beforeAll(async () => {
    cp = await startControlPlane({ label: 'badinput' });
    tenant = await createTenant(cp);
    db = new Client({ connectionString: cp.env.DATABASE_MIGRATION_URL });
    await db.connect();
    // Some state for the "changes nothing" snapshots: a pipeline, a run, thresholds, a webhook.
    const pipeline = await cp.http().post('/v1/pipelines').set(auth()).send(pipelineBody({ name: 'existing' })).expect(201);
    existingPipelineId = pipeline.body.id;
    await cp.http().post(`/v1/pipelines/${existingPipelineId}/runs`).set(auth()).expect(202);
    await cp.http().put(`/v1/quality/alerts/${THRESHOLD_TABLE}`).set(auth()).send({ minQuality: 0.9 }).expect(200);
    await cp.http().put('/v1/webhook').set(auth()).send({ url: 'https://93.184.215.14/ade-hook' });
  });
  afterAll(async () => {
    await db?.end();
    await cp?.close();
  });

  /** The tenant as the API shows it, plus the row count of every table in the suite's schema but the audit log. */
  async function snapshot(): Promise<unknown> {
    const read = async (path: string) => {
      const response = await cp.http().get(path).set(auth());
      return { status: response.status, body: response.body };
    };
    const api = {
      pipelines: await read('/v1/pipelines'),
      runs: await read('/v1/runs?limit=200'),
      users: await read('/v1/users'),
      webhook: await read('/v1/webhook'),
      thresholds: await read(`/v1/quality/alerts/${THRESHOLD_TABLE}`),
      alerts: await read('/v1/quality/alerts'),
    };
    const schema = cp.env.DATABASE_SCHEMA;
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [schema],
    );
    // The schema's tables were found (an empty list would make "changes nothing" vacuous).
    expect(tables.rows.map((table) => table.table_name)).toEqual(expect.arrayContaining(['audit_events', 'pipelines', 'pipeline_runs', 'users', 'tenants']));
    const rows: Record<string, number> = {};
    // The audit trail is meant to change: it records the refused request (audit-trail.e2e.spec.ts checks that).
    for (const { table_name } of tables.rows.filter((table) => table.table_name !== 'audit_events')) {
      const count = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table_name}"`);
      rows[table_name] = Number(count.rows[0].n);
    }
    return { api, rows };
  }

  function send(c: BadInputCase) {
    const path = c.path.replace(':existing', existingPipelineId);
    const request = cp.http()[c.method](path).set(auth());
    if (c.raw) return request.set('content-type', 'application/json').send(c.raw);
    return c.body === undefined ? request : request.send(c.body as object);
  }

  it('has one uniquely named case per bad input', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // One test per case, and every one must pass.
  for (const c of CASES) {
    it(c.name, async () => {
      const before = await snapshot();
      const response = await send(c);

      expect(response.status, `status of ${c.name}`).toBe(c.status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ error: c.error, message: expect.any(String) });
      expect(Object.keys(response.body).sort()).toEqual(expect.arrayContaining(['error', 'message']));
      for (const key of Object.keys(response.body)) expect(['error', 'message', 'fields']).toContain(key);
      if (c.field) {
        expect(response.body.fields, 'fields names the bad field').toEqual(
          expect.arrayContaining([expect.objectContaining({ field: c.field, message: expect.any(String) })]),
        );
      }

      const text = response.text;
      for (const secret of c.secrets) {
        expect(text.includes(secret), `answer echoes ${JSON.stringify(secret)}`).toBe(false);
        expect(text.includes(JSON.stringify(secret).slice(1, -1)), `answer echoes ${JSON.stringify(secret)} (escaped)`).toBe(false);
      }
      for (const leak of LEAKS) expect(text, `answer leaks ${leak}`).not.toMatch(leak);

      expect(await snapshot()).toEqual(before);
    });
  }
});
