import { isoDateToEpochDay, loadStateCodes, todayIsoDate } from '@ade/healthcare';
import { DEFECT_KINDS, type DefectKind, isDefectKind } from './defects/defect-kinds';
import { SyntheticOptionsError } from './synthetic-options-error';

export interface ProfessionalClaimsOptions {
  /** Same seed and options → byte-identical output. Any safe integer. */
  seed: number;
  /** Data rows to write (header excluded), duplicates included. */
  rows: number;
  /** Share of rows carrying exactly one defect, 0..1 (default 0.05); the count is round(rows × rate). */
  defectRate?: number;
  /**
   * The "today" of the data (YYYY-MM-DD, default: today in UTC). Valid claims are received on or
   * before it. Pass it explicitly wherever output must be reproducible.
   */
  asOf?: string;
  /** First service date of valid claims (default 2025-01-01). */
  serviceFrom?: string;
  /** Last service date of valid claims (default 2026-06-30); clipped to the day before `asOf`. */
  serviceTo?: string;
  /** USPS codes of the states whose Medicaid programs the members belong to (default: all 56). */
  states?: readonly string[];
  /** Defects to plant (default: all). */
  defectKinds?: readonly DefectKind[];
  /**
   * How many defective rows the manifest lists individually (default 100,000; the first ones in
   * row order). 0 leaves `defectRows` out, which is what huge runs that only need counts want.
   */
  defectRowLimit?: number;
}

/** Options checked and turned into day numbers; nothing downstream re-validates. */
export interface GenerationSettings {
  seed: number;
  rows: number;
  defectRate: number;
  asOf: string;
  asOfDay: number;
  firstServiceDay: number;
  lastServiceDay: number;
  states: readonly string[];
  defectKinds: readonly DefectKind[];
  defectRowLimit: number;
}

const DEFAULTS = { defectRate: 0.05, serviceFrom: '2025-01-01', serviceTo: '2026-06-30', defectRowLimit: 100_000 };

export function resolveGenerationSettings(options: ProfessionalClaimsOptions): GenerationSettings {
  const { seed, rows } = options;
  if (!Number.isSafeInteger(seed)) throw new SyntheticOptionsError('seed must be a safe integer');
  if (!Number.isSafeInteger(rows) || rows < 0) throw new SyntheticOptionsError('rows must be a non-negative integer');
  const defectRate = options.defectRate ?? DEFAULTS.defectRate;
  if (!(defectRate >= 0 && defectRate <= 1)) throw new SyntheticOptionsError('defectRate must be between 0 and 1');
  const defectRowLimit = options.defectRowLimit ?? DEFAULTS.defectRowLimit;
  if (!Number.isSafeInteger(defectRowLimit) || defectRowLimit < 0) {
    throw new SyntheticOptionsError('defectRowLimit must be a non-negative integer');
  }

  const asOf = options.asOf ?? todayIsoDate();
  const asOfDay = dayOf('asOf', asOf);
  const firstServiceDay = dayOf('serviceFrom', options.serviceFrom ?? DEFAULTS.serviceFrom);
  const serviceToDay = dayOf('serviceTo', options.serviceTo ?? DEFAULTS.serviceTo);
  if (serviceToDay < firstServiceDay) throw new SyntheticOptionsError('serviceTo must not be before serviceFrom');
  // A valid claim is received after its last service day and no later than asOf.
  const lastServiceDay = Math.min(serviceToDay, asOfDay - 1);
  if (lastServiceDay < firstServiceDay) throw new SyntheticOptionsError('asOf must be after serviceFrom');

  return {
    seed,
    rows,
    defectRate,
    asOf,
    asOfDay,
    firstServiceDay,
    lastServiceDay,
    states: resolveStates(options.states),
    defectKinds: resolveDefectKinds(options.defectKinds),
    defectRowLimit,
  };
}

function dayOf(option: string, value: string): number {
  const day = isoDateToEpochDay(value);
  if (day === undefined) throw new SyntheticOptionsError(`${option} must be a real date as YYYY-MM-DD`);
  return day;
}

function resolveStates(states: readonly string[] | undefined): readonly string[] {
  const known = loadStateCodes();
  if (states === undefined) return [...known.keys()];
  if (states.length === 0) throw new SyntheticOptionsError('states must not be empty');
  const unknown = states.filter((state) => !known.has(state));
  if (unknown.length > 0) throw new SyntheticOptionsError(`states holds unknown codes: ${unknown.join(', ')}`);
  return [...new Set(states)];
}

function resolveDefectKinds(kinds: readonly DefectKind[] | undefined): readonly DefectKind[] {
  if (kinds === undefined) return DEFECT_KINDS;
  const unknown = kinds.filter((kind) => !isDefectKind(kind));
  if (unknown.length > 0) throw new SyntheticOptionsError(`defectKinds holds unknown kinds: ${unknown.join(', ')}`);
  // Keep the canonical order so that the same set of kinds gives the same output in any order.
  return DEFECT_KINDS.filter((kind) => kinds.includes(kind));
}
