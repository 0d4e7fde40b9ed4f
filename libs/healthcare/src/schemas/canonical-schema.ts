import type { DataType } from '@ade/contracts';
import type { ClaimType } from '../states/state-pack';

export type ColumnType = 'string' | 'date' | 'decimal' | 'integer';

/** One column of a silver table, with what a source file may call it. */
export interface CanonicalColumn {
  /** snake_case; the Tuva Project input-layer name wherever Tuva has the field. */
  name: string;
  type: ColumnType;
  /** Must be present and non-empty on every row (`required.missing`); a state pack may add more. */
  required: boolean;
  /**
   * A HIPAA Safe Harbor identifier (45 CFR 164.514(b)(2)) of the patient or member: never leaves
   * the data plane unmasked (samples, logs, events). See SCHEMAS.md for the decisions.
   */
  phi: boolean;
  /** Header names seen in source files; matched case- and punctuation-insensitively. */
  synonyms: readonly string[];
  description: string;
}

/**
 * One rule applied to canonical columns: rule id → role → canonical column name, or a constant
 * when the value starts with `=` (e.g. `{ claimType: '=professional' }`).
 */
export interface CheckBinding {
  rule: string;
  columns: Readonly<Record<string, string>>;
}

export type TuvaModel = 'medical_claim' | 'pharmacy_claim' | 'eligibility';

/** The silver table of one data type: its columns, its business key and the rules bound to it. */
export interface CanonicalSchema {
  dataType: DataType;
  /** Table name in the tenant's `silver` schema. */
  table: string;
  /** The Tuva input-layer model whose column names this schema follows, if any. */
  tuvaModel: TuvaModel | null;
  columns: readonly CanonicalColumn[];
  /** Identifies a row: silver MERGEs on it and a repeat in one file is `integrity.duplicate_line`. */
  businessKey: readonly string[];
  claimType: ClaimType | null;
  checks: readonly CheckBinding[];
}

/** Marks a binding value as a constant rather than a column name. */
export const CONSTANT_PREFIX = '=';

export function isConstantBinding(value: string): boolean {
  return value.startsWith(CONSTANT_PREFIX);
}
