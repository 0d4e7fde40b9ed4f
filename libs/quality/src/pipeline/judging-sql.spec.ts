import { createHash } from 'node:crypto';
import { DATA_TYPES, type DataType } from '@ade/contracts';
import { canonicalSchema, duckdbExpressions, loadLayouts, loadStatePack, numberedHeader, type LayoutDescriptor } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from '../sql/identifiers';
import { bronzeLayout, bronzeLinesSql, BRONZE_LINE_COLUMN } from './bronze-layout';
import { routedElsewhereSql, unroutedExpectation } from './claim-routing';
import { planExpectations } from './expectations';
import { resultsSql, samplesSql, summarySql } from './judgement-sql';
import { codeSystemColumns, columnKinds } from './repairs';
import { stageSql, type StagedColumn } from './stage-sql';

/** Every header a layout names: its files carry these (numbered ones for each n). */
function layoutHeaders(layout: LayoutDescriptor): string[] {
  const headers = new Set<string>(layout.identifiedBy);
  const numbered = (pattern: string, from: number, to: number) => {
    for (let n = from; n <= to; n++) headers.add(numberedHeader(pattern, n));
  };
  for (const source of Object.values(layout.columns)) {
    if (typeof source === 'string') headers.add(source);
    else if ('concat' in source) source.concat.forEach((header) => headers.add(header));
    else if ('firstFlagged' in source) {
      numbered(source.firstFlagged.value, source.firstFlagged.from, source.firstFlagged.to);
      numbered(source.firstFlagged.flag, source.firstFlagged.from, source.firstFlagged.to);
    } else if ('flagged' in source) [source.flagged.value, source.flagged.flag].forEach((header) => headers.add(header));
  }
  if (layout.lines) for (const pattern of Object.values(layout.lines.columns)) numbered(pattern, layout.lines.from, layout.lines.to);
  return [...headers];
}

/** The judging statements of one run over bronze columns named `headers`, as runQualityStage builds them. */
async function judgingStatements(dataType: DataType, headers: readonly string[]): Promise<string[]> {
  const schema = canonicalSchema(dataType);
  const pack = loadStatePack(undefined);
  const bronzeColumn = (column: string) => `b.${quoteIdentifier(column)}`;
  const layout = await bronzeLayout(headers, schema, bronzeColumn, { profile: () => Promise.reject(new Error('no profiling here')) });
  const kinds = columnKinds(schema);
  const systems = codeSystemColumns(schema);
  const columns: StagedColumn[] = layout.columns.map((m) => ({ canonical: m.canonical, sourceSql: m.sourceSql, kind: kinds.get(m.canonical)!, codeSystem: systems.get(m.canonical) }));
  const ofTheseRuns = `FROM "cat"."bronze"."t" WHERE _run_id IN ('run-1')`;
  const routedElsewhere = layout.claimTypeColumn && routedElsewhereSql(quoteIdentifier(layout.claimTypeColumn), dataType);
  const ownRows = `SELECT rowid AS __bronze_rowid, * ${ofTheseRuns}${routedElsewhere ? ` AND NOT ${routedElsewhere}` : ''}`;
  const stage = stageSql(bronzeLinesSql(ownRows, layout, bronzeColumn), columns, {
    runId: 'b._run_id',
    sourceFile: 'b._source_file',
    bronzeRowid: 'b.__bronze_rowid',
    bronzeLine: bronzeColumn(BRONZE_LINE_COLUMN),
  });
  const expectations = [
    ...planExpectations({
      dataType,
      present: new Set(columns.map((column) => column.canonical)),
      pack,
      render: { dialect: duckdbExpressions, asOf: '2026-11-01', statePack: pack, ref: (table) => `temp.main."ref_${table}"` },
      dateColumns: stage.dateColumns,
      overrides: [{ id: 'custom.first_present', sql: `${schema.columns[0]!.name} IS NOT NULL`, action: 'warn' }],
      lookups: { providers: '"cat"."silver"."providers"', eligibility: '"cat"."silver"."eligibility"', claims: ['"cat"."silver"."professional_claims"'] },
      notApplicable: layout.notApplicable,
      notCarried: layout.notCarried,
    }),
    ...(routedElsewhere ? [unroutedExpectation()] : []),
  ];
  return [
    stage.sql,
    ...expectations.flatMap((expectation) => [...expectation.prepareSql, ...(expectation.joins ?? [])]),
    ...resultsSql(expectations),
    summarySql(expectations, stage),
    samplesSql(expectations, expectations.map((_, index) => index), stage) ?? '',
  ];
}

function digest(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join('\n;\n')).digest('hex').slice(0, 16);
}

/**
 * The quality stage's judging SQL on the embedded engine, held to a digest per data type and per
 * shipped layout: a change to any statement shows here, so work on the other dialect cannot
 * change what DuckDB runs unnoticed. Update a digest only for a change meant for DuckDB too.
 */
describe('the quality stage judging SQL for DuckDB', () => {
  it('is unchanged for every data type read by canonical names', async () => {
    const digests: Record<string, string> = {};
    for (const dataType of DATA_TYPES) digests[dataType] = digest(await judgingStatements(dataType, canonicalSchema(dataType).columns.map((column) => column.name)));
    expect(digests).toMatchInlineSnapshot(`
      {
        "eligibility": "000e1fa582820121",
        "institutional_claims": "eeb507fb78f0a78b",
        "pharmacy_claims": "f5dc16409cfcc4bd",
        "professional_claims": "3db2df5bf15b1e6c",
        "providers": "4478cec64d83e65f",
        "remittance": "49a5c1f2e036a12e",
      }
    `);
  });

  it('is unchanged for every shipped public layout', async () => {
    const digests: Record<string, string> = {};
    for (const layout of loadLayouts()) digests[layout.id] = digest(await judgingStatements(layout.dataType, layoutHeaders(layout)));
    const mixed = [...new Set(['claim_type', ...(['professional_claims', 'institutional_claims'] as const).flatMap((type) => canonicalSchema(type).columns.map((column) => column.name))])];
    for (const dataType of ['professional_claims', 'institutional_claims'] as const) digests[`mixed medical claims as ${dataType}`] = digest(await judgingStatements(dataType, mixed));
    expect(digests).toMatchInlineSnapshot(`
      {
        "cms-cclf1-part-a-header": "dca975fc34959977",
        "cms-cclf2-part-a-revenue": "60a9dcc8939c75da",
        "cms-cclf5-part-b-physician": "8a4c6581b7b6c662",
        "cms-cclf6-part-b-dme": "74ad604657a3d876",
        "cms-cclf7-part-d": "008e2c0fb70f798e",
        "cms-cclf8-beneficiary-demographics": "3681f0d7b9e3cbcc",
        "cms-ccw-pde": "2f871e5a72fd364f",
        "cms-ccw-rif-carrier": "dd3ff965fbe0c12e",
        "cms-ccw-rif-dme": "2e53e7e505cfdebf",
        "cms-ccw-rif-hha": "7d2f7f6651203b61",
        "cms-ccw-rif-hospice": "7907b86bb8969c88",
        "cms-ccw-rif-inpatient": "5f58f437015897ec",
        "cms-ccw-rif-outpatient": "5525b756387f6890",
        "cms-ccw-rif-snf": "ca5d36176c8b8ddf",
        "cms-de-synpuf-carrier": "9bdba9929faf97db",
        "cms-de-synpuf-inpatient": "95c9b08bde5ef33d",
        "cms-de-synpuf-outpatient": "15ebe3f5f01c7f87",
        "cms-de-synpuf-pde": "ac96d713bca213e1",
        "mixed medical claims as institutional_claims": "00f315365e4b2004",
        "mixed medical claims as professional_claims": "87f6adeb2a79109d",
        "nppes-npi-registry": "af00c78c3e1d6945",
        "synthea-claims": "acade14c025ef3b2",
      }
    `);
  });
});
