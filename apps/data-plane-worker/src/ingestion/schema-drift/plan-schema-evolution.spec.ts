import { describe, expect, it } from 'vitest';
import { driftReportSchema, type DriftDecision, type DriftKind, type SchemaColumn, type SchemaEvolutionMode } from '@ade/contracts';
import { NO_VALUES_TYPE, schemaFingerprint, type RegisteredSchema } from '@ade/lakehouse';
import { planSchemaEvolution, type SchemaEvolution, type SchemaEvolutionInput } from './plan-schema-evolution';

const V1: SchemaColumn[] = [
  { name: 'claim_id', type: 'VARCHAR' },
  { name: 'billing_npi', type: 'BIGINT' },
  { name: 'paid_amount', type: 'BIGINT' },
  { name: 'service_date', type: 'DATE' },
];
const REGISTERED: RegisteredSchema = {
  version: 3,
  fingerprint: schemaFingerprint(V1),
  columns: V1,
  runId: 'r1',
  sourceFile: 'a.csv',
  recordedAt: new Date(0),
};
const SYNONYMS: Record<string, string> = { billing_npi: 'billing_npi', 'Billing Provider NPI': 'billing_npi' };

function evolve(source: SchemaColumn[], mode: SchemaEvolutionMode = 'addNewColumns', registered: RegisteredSchema | null = REGISTERED): SchemaEvolution {
  const input: SchemaEvolutionInput = { file: 'b.csv', table: 'healthcare_data.bronze.claims', mode, source, registered, canonicalOf: (h) => SYNONYMS[h] ?? null };
  return planSchemaEvolution(input);
}
const retype = (name: string, type: string) => V1.map((column) => (column.name === name ? { name, type } : column));

/** One file per kind of change, each against V1. */
const FILES: Record<DriftKind, SchemaColumn[]> = {
  added: [...V1, { name: 'plan_code', type: 'VARCHAR' }],
  removed: V1.filter((column) => column.name !== 'service_date'),
  renamed: V1.map((column) => (column.name === 'billing_npi' ? { name: 'Billing Provider NPI', type: 'BIGINT' } : column)),
  widened: retype('paid_amount', 'DOUBLE'),
  narrowed: retype('billing_npi', 'INTEGER'),
  incompatible: retype('service_date', 'BIGINT'),
};

const landed = (result: SchemaEvolution, source: string) => result.plan.land.find((entry) => entry.source === source);
const schemaType = (result: SchemaEvolution, name: string) => result.plan.schema.columns.find((column) => column.name === name)?.type;
const unchangedSchema = (result: SchemaEvolution) => expect(result.plan.schema).toEqual({ fingerprint: REGISTERED.fingerprint, columns: V1 });

/** What each action must do to the plan, checked on the file of its kind. */
const EFFECTS = {
  'add the column, values land': (r: SchemaEvolution) => {
    expect(r.plan.add).toEqual([{ column: 'plan_code' }]);
    expect(landed(r, 'plan_code')).toEqual({ source: 'plan_code', column: 'plan_code', type: 'VARCHAR' });
    expect(r.plan.schema.columns).toEqual([...V1, { name: 'plan_code', type: 'VARCHAR' }]);
  },
  'values → _rescued_data': (r: SchemaEvolution) => {
    expect([r.plan.rescue, r.plan.add, landed(r, 'plan_code')]).toEqual([['plan_code'], [], undefined]);
    unchangedSchema(r);
  },
  'run fails, file not landed': (r: SchemaEvolution) => {
    expect(r.failure).toBe(
      "file 'b.csv' has columns healthcare_data.bronze.claims lacks ('plan_code') and the pipeline's schemaEvolution mode is failOnNewColumns; the file was not landed",
    );
    expect(r.plan.add).toEqual([]);
    unchangedSchema(r);
  },
  'column ignored, reported': (r: SchemaEvolution) => {
    expect([r.plan.ignore, r.plan.add, r.plan.rescue]).toEqual([['plan_code'], [], []]);
    unchangedSchema(r);
  },
  'new rows read NULL there': (r: SchemaEvolution) => {
    expect(landed(r, 'service_date')).toBeUndefined();
    unchangedSchema(r);
  },
  'values land in the existing column': (r: SchemaEvolution) => {
    expect(landed(r, 'Billing Provider NPI')).toEqual({ source: 'Billing Provider NPI', column: 'billing_npi', type: 'BIGINT' });
    unchangedSchema(r);
  },
  'registered type widens, values land': (r: SchemaEvolution) => {
    expect(landed(r, 'paid_amount')?.type).toBe('DOUBLE');
    expect(schemaType(r, 'paid_amount')).toBe('DOUBLE');
  },
  'registered type kept; values that do not fit → _rescued_data': (r: SchemaEvolution) => {
    const column = r.report!.changes[0]!.column;
    expect(landed(r, column)?.type).toBe(schemaType(r, column));
    unchangedSchema(r);
  },
  'registered type kept; values fit, land': (r: SchemaEvolution) => {
    expect(landed(r, 'billing_npi')?.type).toBe('BIGINT');
    unchangedSchema(r);
  },
};
type Effect = keyof typeof EFFECTS;

/** README.md's table, cell by cell: kind, mode, the action, and how the report reads. */
const CONTRACT: Array<[DriftKind, SchemaEvolutionMode, Effect, DriftDecision]> = [
  ['added', 'addNewColumns', 'add the column, values land', 'evolved'],
  ['added', 'rescue', 'values → _rescued_data', 'rescued'],
  ['added', 'failOnNewColumns', 'run fails, file not landed', 'failed'],
  ['added', 'none', 'column ignored, reported', 'ignored'],
  ['removed', 'addNewColumns', 'new rows read NULL there', 'unchanged'],
  ['removed', 'rescue', 'new rows read NULL there', 'unchanged'],
  ['removed', 'failOnNewColumns', 'new rows read NULL there', 'unchanged'],
  ['removed', 'none', 'new rows read NULL there', 'unchanged'],
  ['renamed', 'addNewColumns', 'values land in the existing column', 'unchanged'],
  ['renamed', 'rescue', 'values land in the existing column', 'unchanged'],
  ['renamed', 'failOnNewColumns', 'values land in the existing column', 'unchanged'],
  ['renamed', 'none', 'values land in the existing column', 'unchanged'],
  ['widened', 'addNewColumns', 'registered type widens, values land', 'evolved'],
  ['widened', 'rescue', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['widened', 'failOnNewColumns', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['widened', 'none', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['narrowed', 'addNewColumns', 'registered type kept; values fit, land', 'unchanged'],
  ['narrowed', 'rescue', 'registered type kept; values fit, land', 'unchanged'],
  ['narrowed', 'failOnNewColumns', 'registered type kept; values fit, land', 'unchanged'],
  ['narrowed', 'none', 'registered type kept; values fit, land', 'unchanged'],
  ['incompatible', 'addNewColumns', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['incompatible', 'rescue', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['incompatible', 'failOnNewColumns', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
  ['incompatible', 'none', 'registered type kept; values that do not fit → _rescued_data', 'rescued'],
];

describe('planSchemaEvolution: every kind × mode', () => {
  it('covers every cell of the table once', () => {
    expect(new Set(CONTRACT.map(([kind, mode]) => `${kind}/${mode}`)).size).toBe(24);
  });

  it.each(CONTRACT)('%s under %s: %s (%s)', (kind, mode, effect, decision) => {
    const result = evolve(FILES[kind], mode);

    expect(result.report?.changes.map((change) => change.kind)).toEqual([kind]);
    expect(result.report?.decision).toBe(decision);
    expect(result.failure === null).toBe(decision !== 'failed');
    expect(result.plan.basedOnVersion).toBe(3);
    expect(driftReportSchema.safeParse(result.report).success).toBe(true);
    EFFECTS[effect](result);
  });
});

describe('planSchemaEvolution', () => {
  it('lands the first file as it is and reports only its schema, to be registered', () => {
    const source = [...V1, { name: 'fax', type: NO_VALUES_TYPE }];
    const result = evolve(source, 'failOnNewColumns', null);

    const columns = [...V1, { name: 'fax', type: 'VARCHAR' }];
    expect(result).toEqual({
      plan: {
        land: columns.map((column) => ({ source: column.name, column: column.name, type: column.type })),
        add: columns.map((column) => ({ column: column.name })),
        rescue: [],
        ignore: [],
        schema: { fingerprint: schemaFingerprint(columns), columns },
        basedOnVersion: 0,
      },
      report: {
        file: expect.any(String),
        table: expect.any(String),
        mode: expect.any(String),
        fingerprint: schemaFingerprint(columns),
        previousFingerprint: null,
        columns,
        changes: [],
        decision: 'unchanged',
      },
      failure: null,
    });
  });

  it('reports nothing for a file that matches, and lets a column with no values keep its type', () => {
    expect(evolve(V1).report).toBeNull();
    const result = evolve(retype('paid_amount', NO_VALUES_TYPE));
    expect(result.report).toBeNull();
    expect(landed(result, 'paid_amount')?.type).toBe('BIGINT');
  });

  it('describes each change with its types, and a renamed column that changed type as both', () => {
    const source: SchemaColumn[] = [
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'Billing Provider NPI', type: 'VARCHAR' },
      { name: 'paid_amount', type: 'DOUBLE' },
      { name: 'plan_code', type: NO_VALUES_TYPE },
    ];
    const { report, plan } = evolve(source, 'addNewColumns');

    expect(report?.changes).toEqual([
      { kind: 'renamed', column: 'Billing Provider NPI', previousColumn: 'billing_npi' },
      { kind: 'widened', column: 'Billing Provider NPI', previousColumn: 'billing_npi', fromType: 'BIGINT', toType: 'VARCHAR' },
      { kind: 'widened', column: 'paid_amount', fromType: 'BIGINT', toType: 'DOUBLE' },
      { kind: 'added', column: 'plan_code', toType: 'VARCHAR' },
      { kind: 'removed', column: 'service_date', fromType: 'DATE' },
    ]);
    const columns = [
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'billing_npi', type: 'VARCHAR' },
      { name: 'paid_amount', type: 'DOUBLE' },
      { name: 'service_date', type: 'DATE' },
      { name: 'plan_code', type: 'VARCHAR' },
    ];
    expect(report).toMatchObject({ decision: 'evolved', fingerprint: schemaFingerprint(columns), previousFingerprint: REGISTERED.fingerprint, columns });
    expect(plan.schema).toEqual({ fingerprint: schemaFingerprint(columns), columns });
  });

  it('decides by precedence: failed, evolved, rescued, ignored, unchanged', () => {
    const mixed = [...retype('paid_amount', 'DOUBLE'), { name: 'plan_code', type: 'VARCHAR' }];
    expect(evolve(mixed, 'failOnNewColumns').report?.decision).toBe('failed');
    expect(evolve(mixed, 'addNewColumns').report?.decision).toBe('evolved');
    expect(evolve(mixed, 'rescue').report?.decision).toBe('rescued');
    expect(evolve(mixed, 'none').report?.decision).toBe('rescued');
    expect(evolve([...FILES.removed, { name: 'plan_code', type: 'VARCHAR' }], 'none').report?.decision).toBe('ignored');
  });

  it('reports, for a failed file, the schema it would have brought while planning none of it', () => {
    const { report, plan, failure } = evolve([...V1, { name: 'plan_code', type: 'VARCHAR' }, { name: 'fax\n', type: 'BIGINT' }], 'failOnNewColumns');
    const brought = [...V1, { name: 'plan_code', type: 'VARCHAR' }, { name: 'fax\n', type: 'BIGINT' }];
    expect(report).toMatchObject({ decision: 'failed', fingerprint: schemaFingerprint(brought), columns: brought });
    expect(plan.schema.fingerprint).toBe(REGISTERED.fingerprint);
    expect(failure).toContain("('plan_code', 'fax?')");
    expect(failure).not.toContain('\n');
  });
});
