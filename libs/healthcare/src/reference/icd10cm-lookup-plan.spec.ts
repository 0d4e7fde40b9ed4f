import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/catalog';
import { distinctJoins, Icd10CmLookupJoins } from '../rules/icd10cm-lookups';
import { DuckDbRuleRunner } from '../rules/test/duckdb-rule-runner';
import { DEFAULT_ENV } from '../rules/test/verdicts';

/**
 * The ICD-10-CM rules look codes up by date interval. Over a million claim lines that must be a
 * hash join on the code with the date range checked on the matches, never a nested loop per row.
 * Also times every code-validity rule over the same million rows, one pass, as the engine runs them.
 */
const ROWS = 1_000_000;
const NESTED_LOOPS = /NESTED_LOOP_JOIN|BLOCKWISE_NL_JOIN|CROSS_PRODUCT|PIECEWISE_MERGE_JOIN|IE_JOIN/;

/** Claim-line columns each code rule reads, by role. */
const COLUMNS: Record<string, Record<string, string>> = {
  npi: { npi: 'claims.npi' },
  diagnosis: { code: 'claims.diagnosis_code', serviceDate: 'claims.service_date', codeType: 'NULL' },
  procedure: { code: 'claims.procedure_code', revenueCode: 'NULL' },
  modifier: { modifier: 'claims.modifier' },
  ndc: { ndc: 'claims.ndc' },
  mbi: { mbi: 'claims.mbi' },
  memberId: { memberId: 'claims.member_id' },
  taxonomy: { taxonomy: 'claims.taxonomy' },
  pos: { pos: 'claims.pos' },
  state: { state: 'claims.state' },
  zip: { zip: 'claims.zip' },
  status: { status: 'claims.claim_status' },
  adjustments: { adjustments: 'claims.adjustments' },
  remarks: { remarks: 'claims.remarks' },
};

let runner: DuckDbRuleRunner;

beforeAll(async () => {
  runner = await DuckDbRuleRunner.open();
  const ref = runner.ref;
  await runner.connection.run(`
    CREATE TABLE claims AS
    WITH icd AS (SELECT list(code ORDER BY code) AS c FROM (SELECT code FROM ${ref('icd10cm_validity')} UNION ALL SELECT code FROM ${ref('icd10cm_headers')})),
         hcpcs AS (SELECT list(code ORDER BY code) AS c FROM ${ref('hcpcs_level2')}),
         nucc AS (SELECT list(code ORDER BY code) AS c FROM ${ref('nucc_taxonomy')}),
         picked AS (
           SELECT i,
             icd.c[1 + CAST(hash(i) % len(icd.c) AS INTEGER)] AS icd_code,
             hcpcs.c[1 + CAST(hash(i + 1) % len(hcpcs.c) AS INTEGER)] AS hcpcs_code,
             nucc.c[1 + CAST(hash(i + 2) % len(nucc.c) AS INTEGER)] AS taxonomy_code,
             DATE '2014-06-01' + CAST(hash(i + 3) % 4700 AS INTEGER) AS service_day
           FROM range(${ROWS}) AS t(i), icd, hcpcs, nucc)
    SELECT
      CAST(1000000000 + hash(i + 4) % 1999999999 AS VARCHAR) AS npi,
      CASE WHEN i % 97 = 0 THEN lower(icd_code) WHEN i % 5 < 3 AND length(icd_code) > 3 THEN substr(icd_code, 1, 3) || '.' || substr(icd_code, 4) ELSE icd_code END AS diagnosis_code,
      CASE i % 3 WHEN 0 THEN strftime(service_day, '%Y-%m-%d') WHEN 1 THEN strftime(service_day, '%Y%m%d') ELSE strftime(service_day, '%m/%d/%Y') END AS service_date,
      CASE WHEN i % 2 = 0 THEN hcpcs_code ELSE lpad(CAST(hash(i + 5) % 100000 AS VARCHAR), 5, '0') END AS procedure_code,
      CASE i % 4 WHEN 0 THEN 'LT' WHEN 1 THEN '25' WHEN 2 THEN NULL ELSE 'x1' END AS modifier,
      lpad(CAST(hash(i + 6) % 100000 AS VARCHAR), 5, '0') || '-' || lpad(CAST(hash(i + 7) % 10000 AS VARCHAR), 4, '0') || '-' || lpad(CAST(i % 100 AS VARCHAR), 2, '0') AS ndc,
      CASE WHEN i % 10 = 0 THEN '1EG4-TE5-MK73' ELSE '1EG4TE5MK7' || CAST(i % 10 AS VARCHAR) END AS mbi,
      'AB' || lpad(CAST(i AS VARCHAR), 8, '0') AS member_id,
      CASE WHEN i % 50 = 0 THEN '999ZZ9999X' ELSE taxonomy_code END AS taxonomy,
      lpad(CAST(i % 100 AS VARCHAR), 2, '0') AS pos,
      CASE WHEN i % 30 = 0 THEN 'XX' ELSE 'NY' END AS state,
      lpad(CAST(i % 100000 AS VARCHAR), 5, '0') AS zip,
      CAST(i % 26 AS VARCHAR) AS claim_status,
      CASE i % 3 WHEN 0 THEN 'CO-45:' || CAST(i % 1000 AS VARCHAR) || '.00 PR-2:5' WHEN 1 THEN NULL ELSE 'XX-45:1' END AS adjustments,
      CASE WHEN i % 2 = 0 THEN 'N130 M15' ELSE 'N' END AS remarks
    FROM picked`);
}, 120_000);

afterAll(() => runner.close());

function codeRuleColumns(ids?: readonly string[]): string[] {
  const context = runner.context(DEFAULT_ENV);
  return RULES.filter((rule) => rule.family === 'code_validity' && (!ids || ids.includes(rule.id))).map((rule, index) => {
    const columns = /^(icd10cm|icd9cm|snomedct)\./.test(rule.id) ? COLUMNS['diagnosis']! : rule.roles.includes('code' as never) ? COLUMNS['procedure']! : COLUMNS[rule.roles[0]!]!;
    const inputs = Object.fromEntries(rule.roles.map((role) => [role, columns[role]!]));
    return `coalesce((${rule.sql(inputs, context)}), false) AS c${index}`;
  });
}

async function timed(sql: string): Promise<number> {
  const started = performance.now();
  await runner.connection.run(sql);
  return performance.now() - started;
}

describe(`ICD-10-CM interval lookup over ${ROWS.toLocaleString('en-US')} rows`, () => {
  it('is planned as hash joins, with no nested loop', async () => {
    const columns = codeRuleColumns(['icd10cm.header_code', 'icd10cm.not_valid_on_date']);
    const plan = await runner.connection.runAndReadAll(`EXPLAIN SELECT ${columns.join(', ')} FROM claims`);
    const text = plan.getRowObjects().map((row) => String(row['explain_value'])).join('\n');
    expect(text).toContain('HASH_JOIN');
    expect(text).not.toMatch(NESTED_LOOPS);
  });

  it('joined once per code column instead: no correlated subquery, every row once, the same verdicts', async () => {
    const rules = RULES.filter((rule) => rule.id === 'icd10cm.header_code' || rule.id === 'icd10cm.not_valid_on_date');
    const lookups = new Icd10CmLookupJoins();
    const joined = rules.map((rule) => lookups.render(runner.context(DEFAULT_ENV), (context) => rule.sql(COLUMNS['diagnosis']!, context)));
    const from = ['claims', ...distinctJoins(joined)].join(' ');
    expect(distinctJoins(joined)).toHaveLength(1);
    const plan = await runner.connection.runAndReadAll(`EXPLAIN SELECT ${joined.map((j, index) => `${j.result} AS c${index}`).join(', ')} FROM ${from}`);
    const text = plan.getRowObjects().map((row) => String(row['explain_value'])).join('\n');
    expect(text).toContain('HASH_JOIN');
    // A decorrelated subquery buffers its whole input: what made a 10-million-line file run out of memory.
    expect(text).not.toContain('DELIM');
    expect(text).not.toMatch(NESTED_LOOPS);

    const failures = (sql: string) => runner.connection.runAndReadAll(sql).then((result) => Object.values(result.getRowObjects()[0]!).map(Number));
    const byJoins = await failures(`SELECT count(*), ${joined.map((j) => `count_if(NOT coalesce(${j.result}, false))`).join(', ')} FROM ${from}`);
    const bySubqueries = await failures(`SELECT count(*), ${codeRuleColumns(rules.map((rule) => rule.id)).map((column) => `count_if(NOT ${column.replace(/ AS c\d+$/, '')})`).join(', ')} FROM claims`);
    expect(byJoins[0]).toBe(ROWS);
    expect(byJoins).toEqual(bySubqueries);
    for (const count of byJoins.slice(1)) expect(count).toBeGreaterThan(1_000);
  });

  it('evaluates the ICD rules, then every code rule, in one vectorized pass each', async () => {
    const icd = codeRuleColumns(['icd10cm.format', 'icd10cm.header_code', 'icd10cm.not_valid_on_date']);
    const all = codeRuleColumns();
    const icdMs = await timed(`CREATE OR REPLACE TEMP TABLE icd_results AS SELECT ${icd.join(', ')} FROM claims`);
    const allMs = await timed(`CREATE OR REPLACE TEMP TABLE all_results AS SELECT ${all.join(', ')} FROM claims`);
    console.info(`${ROWS} rows: ICD-10-CM rules ${icdMs.toFixed(0)} ms; all ${all.length} code rules ${allMs.toFixed(0)} ms`);
    const failures = await runner.connection.runAndReadAll(`SELECT ${icd.map((_, index) => `count_if(NOT c${index})`).join(', ')} FROM icd_results`);
    const [malformed, headers, notValid] = Object.values(failures.getRowObjects()[0]!).map(Number);
    // Lower-cased codes, category codes and codes outside their dates are all in the sample.
    for (const count of [malformed!, headers!, notValid!]) expect(count).toBeGreaterThan(1_000);
  });
});
