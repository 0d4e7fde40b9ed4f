import { availableStatePacks, isoDateToEpochDay, loadStateCodes, loadStatePack, todayIsoDate } from '@ade/healthcare';
import { DEFAULT_DEFECT_KINDS, DEFECT_KINDS, type DefectKind, isDefectKind } from './defects/defect-kinds';
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
  /**
   * Defects to plant (default: DEFAULT_DEFECT_KINDS, the six in-file kinds). The other kinds of
   * DEFECT_KINDS are planted only when listed here.
   */
  defectKinds?: readonly DefectKind[];
  /**
   * How many defective rows the manifest lists individually (default 100,000; the first ones in
   * row order). 0 leaves `defectRows` out, which is what huge runs that only need counts want.
   */
  defectRowLimit?: number;
  /**
   * Chance, 0..1, that a clean row carries one repairable variant (see REPAIR_IDS); default 0,
   * which leaves the output exactly as without the option. Defective rows never carry one.
   */
  repairableRate?: number;
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
  repairableRate: number;
  /** The longest timely-filing limit of any shipped state pack: a late claim exceeds it, so every pack finds it late. */
  lateFilingDays: number;
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
  const repairableRate = options.repairableRate ?? 0;
  if (!(repairableRate >= 0 && repairableRate <= 1)) throw new SyntheticOptionsError('repairableRate must be between 0 and 1');

  const asOf = options.asOf ?? todayIsoDate();
  const asOfDay = dayOf('asOf', asOf);
  const firstServiceDay = dayOf('serviceFrom', options.serviceFrom ?? DEFAULTS.serviceFrom);
  const serviceToDay = dayOf('serviceTo', options.serviceTo ?? DEFAULTS.serviceTo);
  if (serviceToDay < firstServiceDay) throw new SyntheticOptionsError('serviceTo must not be before serviceFrom');
  // A valid claim is received after its last service day and no later than asOf.
  const lastServiceDay = Math.min(serviceToDay, asOfDay - 1);
  if (lastServiceDay < firstServiceDay) throw new SyntheticOptionsError('asOf must be after serviceFrom');
  const defectKinds = resolveDefectKinds(options.defectKinds);
  const lateFilingDays = longestTimelyFilingDays();
  if (defectRate > 0) checkRoomFor(defectKinds, { firstServiceDay, lastServiceDay, asOfDay, lateFilingDays });

  return {
    seed,
    rows,
    defectRate,
    asOf,
    asOfDay,
    firstServiceDay,
    lastServiceDay,
    states: resolveStates(options.states),
    defectKinds,
    defectRowLimit,
    repairableRate,
    lateFilingDays,
  };
}

/** Kinds whose claims need more of the calendar than one valid service day. */
function checkRoomFor(
  kinds: readonly DefectKind[],
  days: { firstServiceDay: number; lastServiceDay: number; asOfDay: number; lateFilingDays: number },
): void {
  if (kinds.includes('service_dates_reversed') && days.lastServiceDay <= days.firstServiceDay) {
    throw new SyntheticOptionsError('service_dates_reversed needs at least two service days: serviceFrom at least two days before asOf');
  }
  // A late claim ends inside the service window and is received more than the limit later, by asOf.
  if (kinds.includes('late_filing') && days.asOfDay - days.lateFilingDays - 1 < days.firstServiceDay) {
    throw new SyntheticOptionsError(`late_filing needs serviceFrom more than ${days.lateFilingDays} days before asOf`);
  }
}

function longestTimelyFilingDays(): number {
  return Math.max(...availableStatePacks().map((id) => loadStatePack(id).timelyFilingDays));
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
  if (kinds === undefined) return DEFAULT_DEFECT_KINDS;
  const unknown = kinds.filter((kind) => !isDefectKind(kind));
  if (unknown.length > 0) throw new SyntheticOptionsError(`defectKinds holds unknown kinds: ${unknown.join(', ')}`);
  // Keep the canonical order so that the same set of kinds gives the same output in any order.
  return DEFECT_KINDS.filter((kind) => kinds.includes(kind));
}
