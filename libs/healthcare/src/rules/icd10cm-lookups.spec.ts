import { describe, expect, it } from 'vitest';
import { duckdbExpressions } from './sql/expression-dialect';
import { loadIcd10CmCalendar } from '../reference/icd10cm-calendar';
import { icd10CmHeaderCode, icd10CmNotValidOnDate } from './icd10cm.rules';
import { distinctJoins, icd10CmIntervalSlots, icd10CmIntervalsTableSql, Icd10CmLookupJoins } from './icd10cm-lookups';
import { npiCheckDigit } from './npi.rules';
import type { SqlRenderContext } from './rule';
import { DuckDbRuleRunner } from './test/duckdb-rule-runner';
import { DEFAULT_ENV } from './test/verdicts';

const context: SqlRenderContext = { ...DEFAULT_ENV, dialect: duckdbExpressions, ref: (table) => `ref.${table}` };

describe('Icd10CmLookupJoins', () => {
  it('joins each code input once, however many rules read it', () => {
    const lookups = new Icd10CmLookupJoins();
    const renderings = ['claims.dx1', 'claims.dx2', 'claims.dx1'].flatMap((code) =>
      [icd10CmHeaderCode, icd10CmNotValidOnDate].map((rule) => lookups.render(context, (joined) => rule.sql({ code, serviceDate: 'claims.day', codeType: 'NULL' }, joined))),
    );
    expect(renderings.map((rendering) => rendering.joins.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(distinctJoins(renderings)).toEqual([
      "LEFT JOIN temp.main.__icd10cm_intervals AS __icd10cm_0 ON __icd10cm_0.__icd_code = replace(claims.dx1, '.', '')",
      "LEFT JOIN temp.main.__icd10cm_intervals AS __icd10cm_1 ON __icd10cm_1.__icd_code = replace(claims.dx2, '.', '')",
    ]);
    expect(renderings[0]!.result).toContain('__icd10cm_0.__icd_header_1');
    expect(renderings.map((rendering) => rendering.prepareSql)).toEqual(renderings.map(() => [icd10CmIntervalsTableSql(context.ref)]));
    expect(renderings[0]!.result).not.toContain('EXISTS');
  });

  it('joins and builds the intervals in the work tables the context names', () => {
    const work = {
      ref: (name: string) => `_system.run_${name}`,
      from: (name: string) => `_system.run_${name} AS ${name}`,
      createAs: (name: string, query: string) => `CREATE OR REPLACE TABLE _system.run_${name} AS ${query}`,
      drop: (name: string) => `DROP TABLE IF EXISTS _system.run_${name}`,
      rename: (name: string, to: string) => `ALTER TABLE _system.run_${name} RENAME TO _system.run_${to}`,
    };
    const rendered = new Icd10CmLookupJoins().render({ ...context, work }, (joined) => icd10CmNotValidOnDate.sql({ code: 'claims.dx1', serviceDate: 'claims.day', codeType: 'NULL' }, joined));
    expect(rendered.joins).toEqual(["LEFT JOIN _system.run___icd10cm_intervals AS __icd10cm_0 ON __icd10cm_0.__icd_code = replace(claims.dx1, '.', '')"]);
    expect(rendered.prepareSql).toEqual([icd10CmIntervalsTableSql(context.ref, work)]);
    expect(rendered.prepareSql[0]).toMatch(/^CREATE OR REPLACE TABLE _system\.run___icd10cm_intervals AS SELECT code AS __icd_code, /);
  });

  it('leaves rules that look nothing up as they render without it', () => {
    const rendered = new Icd10CmLookupJoins().render(context, (joined) => npiCheckDigit.sql({ npi: 'claims.npi' }, joined));
    expect(rendered).toEqual({ result: npiCheckDigit.sql({ npi: 'claims.npi' }, context), joins: [], prepareSql: [] });
  });

  it('gives every interval of the busiest code a slot, and no more', () => {
    const calendar = loadIcd10CmCalendar();
    let most = 0;
    for (const code of new Set([...calendar.billable.keys(), ...calendar.headers.keys()])) {
      most = Math.max(most, (calendar.billable.get(code)?.length ?? 0) + (calendar.headers.get(code)?.length ?? 0));
    }
    expect(icd10CmIntervalSlots()).toBe(most);
    const sql = icd10CmIntervalsTableSql(context.ref);
    expect(sql).toContain(`AS __icd_header_${most}`);
    expect(sql).not.toContain(`__icd_from_${most + 1}`);
  });

  it('builds one row per code with its billable and header intervals in date order', async () => {
    // Opened inside the test: the runner builds the interval table as it opens.
    const runner = await DuckDbRuleRunner.open();
    try {
      const slots = Array.from({ length: icd10CmIntervalSlots() }, (_, index) => index + 1);
      const read = async (where: string) =>
        (
          await runner.connection.runAndReadAll(
            `SELECT __icd_code AS code, ${slots.map((n) => `__icd_from_${n}::VARCHAR AS from_${n}, __icd_to_${n}::VARCHAR AS to_${n}, __icd_header_${n} AS header_${n}`).join(', ')} FROM temp.main.__icd10cm_intervals ${where}`,
          )
        ).getRowObjectsJson();
      const calendar = loadIcd10CmCalendar();
      const [{ codes }] = (await runner.connection.runAndReadAll('SELECT count(*)::INTEGER AS codes FROM temp.main.__icd10cm_intervals')).getRowObjectsJson() as Array<{ codes: number }>;
      expect(codes).toBe(new Set([...calendar.billable.keys(), ...calendar.headers.keys()]).size);
      // M54.5: billable until FY2022 split it into M54.50/51/59, a header from then on.
      const [m545] = await read(`WHERE __icd_code = 'M545'`);
      expect(m545).toMatchObject({ code: 'M545', from_1: '2015-10-01', to_1: '2021-09-30', header_1: false, from_2: '2021-10-01', to_2: '9999-12-31', header_2: true });
      const [e119] = await read(`WHERE __icd_code = 'E119'`);
      expect(e119).toMatchObject({ code: 'E119', from_1: '2015-10-01', to_1: '9999-12-31', header_1: false, from_2: null, to_2: null, header_2: null });
    } finally {
      runner.close();
    }
  });

  it('collects the distinct joins of renderings, skipping those without any', () => {
    expect(distinctJoins([{ joins: ['a'] }, {}, { joins: ['a', 'b'] }])).toEqual(['a', 'b']);
  });
});
