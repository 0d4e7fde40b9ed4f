import type { DriftDecision, DriftKind, SchemaEvolutionMode } from '@ade/contracts';

/** What the plan does with one change. */
export type DriftAction =
  /** Add the column to the table; its values land. */
  | 'add'
  /** The file column's values go to `_rescued_data`. */
  | 'rescue'
  /** The run fails and the file is not landed. */
  | 'fail'
  /** The file column is dropped; the change is reported. */
  | 'ignore'
  /** A table column the file lacks: new rows read NULL there. */
  | 'null-fill'
  /** A renamed header: its values land in the existing column. */
  | 'land-existing'
  /** The registered type widens to the file's; values land. */
  | 'widen'
  /** The registered type is kept; the file's values fit it and land. */
  | 'keep-type'
  /** The registered type is kept; values that do not fit it go to `_rescued_data`. */
  | 'keep-type-rescue-misfits';

/** The documented contract (README.md): for each kind of change, what each mode does. */
export const DRIFT_ACTIONS: Readonly<Record<DriftKind, Readonly<Record<SchemaEvolutionMode, DriftAction>>>> = {
  added: { addNewColumns: 'add', rescue: 'rescue', failOnNewColumns: 'fail', none: 'ignore' },
  removed: { addNewColumns: 'null-fill', rescue: 'null-fill', failOnNewColumns: 'null-fill', none: 'null-fill' },
  renamed: { addNewColumns: 'land-existing', rescue: 'land-existing', failOnNewColumns: 'land-existing', none: 'land-existing' },
  widened: { addNewColumns: 'widen', rescue: 'keep-type-rescue-misfits', failOnNewColumns: 'keep-type-rescue-misfits', none: 'keep-type-rescue-misfits' },
  narrowed: { addNewColumns: 'keep-type', rescue: 'keep-type', failOnNewColumns: 'keep-type', none: 'keep-type' },
  incompatible: {
    addNewColumns: 'keep-type-rescue-misfits',
    rescue: 'keep-type-rescue-misfits',
    failOnNewColumns: 'keep-type-rescue-misfits',
    none: 'keep-type-rescue-misfits',
  },
};

/** How each action reads in a report; the file's decision is the first of DECISION_PRECEDENCE any change has. */
export const ACTION_OUTCOME: Readonly<Record<DriftAction, DriftDecision>> = {
  add: 'evolved',
  widen: 'evolved',
  rescue: 'rescued',
  'keep-type-rescue-misfits': 'rescued',
  fail: 'failed',
  ignore: 'ignored',
  'null-fill': 'unchanged',
  'land-existing': 'unchanged',
  'keep-type': 'unchanged',
};

export const DECISION_PRECEDENCE: readonly DriftDecision[] = ['failed', 'evolved', 'rescued', 'ignored', 'unchanged'];

export function overallDecision(outcomes: readonly DriftDecision[]): DriftDecision {
  return DECISION_PRECEDENCE.find((decision) => outcomes.includes(decision)) ?? 'unchanged';
}
