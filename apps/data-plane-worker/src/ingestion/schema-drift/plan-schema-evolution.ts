import type { DriftChange, DriftDecision, DriftReport, SchemaColumn, SchemaEvolutionMode } from '@ade/contracts';
import { NO_VALUES_TYPE, schemaFingerprint, type ColumnPlan, type RegisteredSchema } from '@ade/lakehouse';
import { matchColumns } from './column-matching';
import { ACTION_OUTCOME, DRIFT_ACTIONS, overallDecision, type DriftAction } from './drift-decisions';
import { compareTypes } from './type-lattice';

export interface SchemaEvolutionInput {
  /** The file as the pipeline names it (its display path). */
  file: string;
  /** `catalog.schema.table` of the bronze table. */
  table: string;
  mode: SchemaEvolutionMode;
  /** The file's columns from `TenantCatalog.inferSourceSchema`. */
  source: SchemaColumn[];
  /** From `TenantCatalog.registeredSchema`; null before the table's first planned file. */
  registered: RegisteredSchema | null;
  /** The canonical column a header stands for, or null; headers with the same one are the same column. */
  canonicalOf: (header: string) => string | null;
}

export interface SchemaEvolution {
  /** Hand to `ingestBronze` unless `failure` is set. */
  plan: ColumnPlan;
  /** For a table's first file: no changes, just its schema to register. null when nothing changed. */
  report: DriftReport | null;
  /** One line naming the new columns that failed the file; the file must not be landed. */
  failure: string | null;
}

/** A column with no values says nothing about its type; it is registered as text. */
const registrable = (type: string) => (type === NO_VALUES_TYPE ? 'VARCHAR' : type);

/**
 * Decides, without I/O, how a file's columns land in its bronze table: compares them with the
 * registered schema, names each change by kind, and applies the mode's action to each (see
 * DRIFT_ACTIONS and README.md).
 */
export function planSchemaEvolution(input: SchemaEvolutionInput): SchemaEvolution {
  const { registered } = input;
  if (!registered) return firstFile(input);

  const plan = emptyPlan(registered.version);
  const schema = registered.columns.map((column) => ({ ...column }));
  const changes: DriftChange[] = [];
  const outcomes: DriftDecision[] = [];
  const refused: SchemaColumn[] = [];
  const apply = (change: DriftChange): DriftAction => {
    const action = DRIFT_ACTIONS[change.kind][input.mode];
    changes.push(change);
    outcomes.push(ACTION_OUTCOME[action]);
    return action;
  };

  const matching = matchColumns(input.source, registered.columns, input.canonicalOf);
  for (const { source, registered: target, renamed } of matching.sources) {
    if (target) landMatched(source, target, renamed, plan, schema, apply);
    else planAdded(source, plan, schema, refused, apply);
  }
  for (const column of matching.removed) apply({ kind: 'removed', column: column.name, fromType: column.type });

  plan.schema = { fingerprint: schemaFingerprint(schema), columns: schema };
  if (changes.length === 0) return { plan, report: null, failure: null };
  // A failed file registers nothing; its report shows the schema it would have brought.
  const reported = refused.length > 0 ? [...schema, ...refused] : schema;
  const report: DriftReport = {
    file: input.file,
    table: input.table,
    mode: input.mode,
    fingerprint: schemaFingerprint(reported),
    previousFingerprint: registered.fingerprint,
    columns: reported,
    changes,
    decision: overallDecision(outcomes),
  };
  return { plan, report, failure: refused.length > 0 ? failureLine(input, refused) : null };
}

type Apply = (change: DriftChange) => DriftAction;

function landMatched(source: SchemaColumn, registered: SchemaColumn, renamed: boolean, plan: ColumnPlan, schema: SchemaColumn[], apply: Apply): void {
  const previous = renamed ? { previousColumn: registered.name } : {};
  if (renamed) apply({ kind: 'renamed', column: source.name, ...previous });
  const change = source.type === NO_VALUES_TYPE ? 'same' : compareTypes(registered.type, source.type);
  let type = registered.type;
  if (change !== 'same' && apply({ kind: change, column: source.name, ...previous, fromType: registered.type, toType: source.type }) === 'widen') {
    type = source.type;
    schema.find((column) => column.name === registered.name)!.type = type;
  }
  plan.land.push({ source: source.name, column: registered.name, type });
}

function planAdded(source: SchemaColumn, plan: ColumnPlan, schema: SchemaColumn[], refused: SchemaColumn[], apply: Apply): void {
  const column = { name: source.name, type: registrable(source.type) };
  switch (apply({ kind: 'added', column: column.name, toType: column.type })) {
    case 'add':
      plan.add.push({ column: column.name });
      plan.land.push({ source: source.name, column: column.name, type: column.type });
      schema.push(column);
      return;
    case 'fail':
      refused.push(column);
      // Never landed; should it be, nothing is lost and the schema stays as it is.
      plan.rescue.push(source.name);
      return;
    case 'rescue':
      plan.rescue.push(source.name);
      return;
    default:
      plan.ignore.push(source.name);
  }
}

/** The first file defines the schema in any mode, as Auto Loader's first inference does. */
function firstFile(input: SchemaEvolutionInput): SchemaEvolution {
  const plan = emptyPlan(0);
  const columns = input.source.map((column) => ({ name: column.name, type: registrable(column.type) }));
  for (const column of columns) {
    plan.land.push({ source: column.name, column: column.name, type: column.type });
    // A new table is created with these; a table landed before schema history gets those it lacks.
    plan.add.push({ column: column.name });
  }
  plan.schema = { fingerprint: schemaFingerprint(columns), columns };
  // No drift yet, but the control plane records the table's first schema version from this.
  const report: DriftReport = {
    file: input.file,
    table: input.table,
    mode: input.mode,
    fingerprint: plan.schema.fingerprint,
    previousFingerprint: null,
    columns,
    changes: [],
    decision: 'unchanged',
  };
  return { plan, report, failure: null };
}

function emptyPlan(basedOnVersion: number): ColumnPlan {
  return { land: [], add: [], rescue: [], ignore: [], schema: { fingerprint: '', columns: [] }, basedOnVersion };
}

function failureLine(input: SchemaEvolutionInput, refused: readonly SchemaColumn[]): string {
  return `file '${input.file}' has columns ${input.table} lacks (${listNames(refused.map((column) => column.name))}) and the pipeline's schemaEvolution mode is failOnNewColumns; the file was not landed`;
}

/** Headers, bounded and printable: the failure travels to the control plane and into logs. */
function listNames(names: readonly string[], max = 20): string {
  const shown = names.slice(0, max).map((name) => {
    const printable = name.replace(/[\p{Cc}]/gu, '?');
    return `'${printable.length > 64 ? `${printable.slice(0, 61)}...` : printable}'`;
  });
  return names.length > max ? `${shown.join(', ')} and ${names.length - max} more` : shown.join(', ');
}
