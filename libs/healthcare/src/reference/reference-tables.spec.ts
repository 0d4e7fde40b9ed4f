import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodesetError } from '../codesets/codeset-error';
import { icd10CmFiscalYears, loadIcd10CmCodes } from '../codesets/icd10cm-code-sets';
import { assertConsecutiveFiscalYears, coversDay, icd10CmStatusOn, loadIcd10CmCalendar, OPEN_END, type DateInterval, type Icd10CmCalendar } from './icd10cm-calendar';
import { loadReferenceTablesDuckDb } from './load-duckdb';
import type { ReferenceTable } from '../rules/rule';
import { buildReferenceTables } from './reference-tables';

/** The codes whose intervals cover the day. */
function on(intervals: ReadonlyMap<string, readonly DateInterval[]>, day: string): string[] {
  return [...intervals].filter(([, list]) => coversDay(list, day)).map(([code]) => code);
}

describe('ICD-10-CM calendar', () => {
  // Built inside a hook, not while the file is collected: a build that throws must fail tests.
  let calendar: Icd10CmCalendar;
  beforeAll(() => {
    calendar = loadIcd10CmCalendar();
  });

  it('starts each fiscal year on 1 October and splits it at mid-year changes', () => {
    expect(calendar.periods[0]!.from).toBe('2015-10-01');
    expect(calendar.periods.at(-1)!.to).toBe(OPEN_END);
    expect(calendar.periods.filter((p) => p.fiscalYear === 2021).map((p) => [p.from, p.to])).toEqual([
      ['2020-10-01', '2020-12-31'],
      ['2021-01-01', '2021-09-30'],
    ]);
    calendar.periods.slice(1).forEach((period, index) => {
      expect(period.from > calendar.periods[index]!.to).toBe(true);
    });
  });

  it('merges a code into one interval while it stays valid', () => {
    expect(calendar.billable.get('M545')).toEqual([{ from: '2015-10-01', to: '2021-09-30' }]);
    expect(calendar.billable.get('U071')).toEqual([{ from: '2020-04-01', to: OPEN_END }]);
    expect(calendar.billable.get('M358')).toEqual([{ from: '2015-10-01', to: '2020-12-31' }]);
    expect(calendar.headers.get('M358')).toEqual([{ from: '2021-01-01', to: OPEN_END }]);
    expect(calendar.headers.get('E11')).toEqual([{ from: '2015-10-01', to: OPEN_END }]);
  });

  it('never has a code billable and a header on the same day, nor overlapping intervals', () => {
    const overlap = (a: DateInterval, b: DateInterval) => a.from <= b.to && b.from <= a.to;
    expect(calendar.billable.size).toBeGreaterThan(75_000);
    let pairs = 0;
    for (const [code, billable] of calendar.billable) {
      const all = [...billable, ...(calendar.headers.get(code) ?? [])];
      for (let i = 0; i < all.length; i += 1) {
        for (let j = i + 1; j < all.length; j += 1) {
          pairs += 1;
          expect(overlap(all[i]!, all[j]!), code).toBe(false);
        }
      }
    }
    // Most codes have one interval; some hundreds were billable, then a header (M358), or twice.
    expect(pairs).toBeGreaterThan(300);
  });

  it('answers billable, header or unknown for a day, both ends of an interval included', () => {
    expect(icd10CmStatusOn('M545', '2015-09-30')).toBe('unknown'); // ICD-9 era
    expect(icd10CmStatusOn('M545', '2015-10-01')).toBe('billable');
    expect(icd10CmStatusOn('M545', '2021-09-30')).toBe('billable');
    expect(icd10CmStatusOn('M545', '2021-10-01')).toBe('header'); // split into M5450, M5451, M5459 for FY2022
    expect(icd10CmStatusOn('M358', '2020-12-31')).toBe('billable');
    expect(icd10CmStatusOn('M358', '2021-01-01')).toBe('header');
    expect(icd10CmStatusOn('U071', '2020-03-31')).toBe('unknown');
    expect(icd10CmStatusOn('U071', '2020-04-01')).toBe('billable');
    expect(icd10CmStatusOn('U071', '2099-01-01')).toBe('billable');
    expect(icd10CmStatusOn('E11', '2015-09-30')).toBe('unknown');
    expect(icd10CmStatusOn('E11', '2015-10-01')).toBe('header');
    expect(icd10CmStatusOn('E119', '2024-06-30')).toBe('billable');
    expect(icd10CmStatusOn('E1', '2024-06-30')).toBe('unknown'); // shorter than a category
    expect(icd10CmStatusOn('ZZZ9', '2024-06-30')).toBe('unknown');
  });

  it('finds a day in any of several intervals, ends included, and in none of the gaps', () => {
    // The shipped code sets give no code two intervals yet; a code re-added after removal would.
    const intervals = [
      { from: '2016-10-01', to: '2017-09-30' },
      { from: '2019-10-01', to: OPEN_END },
    ];
    for (const day of ['2016-10-01', '2017-03-15', '2017-09-30', '2019-10-01', '2030-01-01']) expect(coversDay(intervals, day), day).toBe(true);
    for (const day of ['2016-09-30', '2017-10-01', '2019-09-30']) expect(coversDay(intervals, day), day).toBe(false);
    expect(coversDay([], '2020-01-01')).toBe(false);
    expect(coversDay(undefined, '2020-01-01')).toBe(false);
  });

  it('makes a code a header exactly while it is not billable and some billable code extends it', () => {
    // The oracle: header sets recomputed from the codes billable on the day alone.
    for (const period of calendar.periods) {
      for (const day of [period.from, period.to]) {
        const billable = on(calendar.billable, day);
        const expected = new Set<string>();
        for (const code of billable) {
          for (let length = 3; length < code.length; length += 1) expected.add(code.slice(0, length));
        }
        for (const code of billable) expected.delete(code);
        const actual = on(calendar.headers, day);
        expect(actual.length, `headers on ${day}`).toBe(expected.size);
        expect(actual.every((code) => expected.has(code)), `headers on ${day}`).toBe(true);
      }
    }
  });

  it('refuses fiscal-year files with a year missing between them', () => {
    expect(() => assertConsecutiveFiscalYears([2016, 2017, 2018])).not.toThrow();
    expect(() => assertConsecutiveFiscalYears([2016])).not.toThrow();
    expect(() => assertConsecutiveFiscalYears([])).not.toThrow();
    for (const [years, missing] of [
      [[2016, 2018], 2017],
      [[2016, 2017, 2019, 2020], 2018],
      [[2016, 2016], 2015],
      [[2017, 2016], 2015],
    ] as const) {
      expect(() => assertConsecutiveFiscalYears(years)).toThrow(new CodesetError('codeset_malformed', `ICD-10-CM fiscal years must be consecutive; FY${missing} is missing`));
    }
  });

  it('agrees with the fiscal-year files on the first day of every year', () => {
    // FY2016 to FY2026, three of them split by mid-year changes.
    expect(calendar.periods).toHaveLength(14);
    const yearStarts = calendar.periods.filter((period) => period.from.endsWith('-10-01'));
    expect(yearStarts.map((period) => period.fiscalYear)).toEqual(icd10CmFiscalYears());
    for (const period of yearStarts) {
      const codes = loadIcd10CmCodes(period.fiscalYear);
      expect(on(calendar.billable, period.from).length, `FY${period.fiscalYear}`).toBe(codes.size);
      for (const code of [...codes].slice(0, 500)) expect(icd10CmStatusOn(code, period.from), `${code} on ${period.from}`).toBe('billable');
    }
  });

  it('keeps no code set per period once built', () => {
    expect(Object.keys(calendar.periods[0]!).sort()).toEqual(['fiscalYear', 'from', 'to']);
  });
});

describe('reference tables', () => {
  it('builds every table the rules join, from the shipped code sets', () => {
    const sizes = Object.fromEntries(buildReferenceTables().map((table) => [table.table, table.rows.length]));
    expect(sizes).toMatchObject({ hcpcs_level2: 8_725, hcpcs_modifiers: 375, nucc_taxonomy: 883, place_of_service: 52, us_states: 56 });
    expect(sizes['icd10cm_validity']).toBeGreaterThan(75_000);
    expect(sizes['icd10cm_headers']).toBeGreaterThan(20_000);
    expect(buildReferenceTables()).toBe(buildReferenceTables());
  });

  it('loads the cached tables into DuckDB, whole, fully qualified, and replaces them on a second load', async () => {
    // How long the load takes is measured by bench/validate (referenceTablesMs), not here.
    const built = buildReferenceTables();
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const loadedSizes = async (ref: (table: ReferenceTable) => string) => {
      const sizes: Record<string, number> = {};
      for (const { table } of built) sizes[table] = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${ref(table)}`)).getRowObjects()[0]!['n']);
      return sizes;
    };
    try {
      const ref = await loadReferenceTablesDuckDb(connection, 'ref');
      expect(ref('icd10cm_validity')).toBe('"memory"."ref"."icd10cm_validity"');
      // Loading keeps the cache: the data is built once per process, however often it is loaded.
      expect(buildReferenceTables()).toBe(built);
      const builtSizes = Object.fromEntries(built.map((table) => [table.table, table.rows.length]));
      expect(Object.keys(builtSizes)).toHaveLength(7);
      expect(await loadedSizes(ref)).toEqual(builtSizes);
      const rows = await connection.runAndReadAll(
        `SELECT code, CAST(valid_from AS VARCHAR) AS f, CAST(valid_to AS VARCHAR) AS t FROM ${ref('icd10cm_validity')} WHERE code IN ('M545', 'U071') ORDER BY code`,
      );
      expect(rows.getRowObjectsJson()).toEqual([
        { code: 'M545', f: '2015-10-01', t: '2021-09-30' },
        { code: 'U071', f: '2020-04-01', t: '9999-12-31' },
      ]);

      const again = await loadReferenceTablesDuckDb(connection, 'ref');
      expect(buildReferenceTables()).toBe(built);
      expect(await loadedSizes(again)).toEqual(builtSizes);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('refuses a schema name that is not a plain SQL name', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    for (const schema of ['ref"; DROP TABLE x; --', 'Ref', '1ref', 'x-ref', `r${'e'.repeat(63)}`, '']) {
      await expect(loadReferenceTablesDuckDb(connection, schema)).rejects.toThrow(
        new RangeError(`reference schema must be a plain lower-case SQL name, got ${JSON.stringify(schema)}`),
      );
    }
    expect(await loadReferenceTablesDuckDb(connection, `_${'e'.repeat(62)}`)).toBeTypeOf('function');
    connection.closeSync();
    instance.closeSync();
  });

  it('qualifies the tables even in a database whose name needs quoting', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ade-ref-'));
    const instance = await DuckDBInstance.create(join(dir, 'odd"name.duckdb'));
    const connection = await instance.connect();
    try {
      const ref = await loadReferenceTablesDuckDb(connection, 'ref');
      expect(ref('us_states')).toBe('"odd""name"."ref"."us_states"');
      expect(Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${ref('us_states')}`)).getRowObjects()[0]!['n'])).toBe(56);
    } finally {
      connection.closeSync();
      instance.closeSync();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lists the codes of each code table in order', () => {
    for (const table of buildReferenceTables().filter((t) => t.columns.length === 1)) {
      const codes = table.rows.map(([code]) => code!);
      expect(codes, table.table).toEqual([...codes].sort());
    }
  });
});
