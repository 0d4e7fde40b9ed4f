import type { X12ClaimDataType, X12TransactionKind } from './transaction-kind';

/** One row per service line; keys are the canonical columns of the data type's silver schema. */
export type X12ClaimRow = Record<string, string | null>;

export interface X12ClaimBatch {
  transaction: X12TransactionKind;
  dataType: X12ClaimDataType;
  /** ISA13 as written (nine digits, zeros kept). */
  interchangeControlNumber: string;
  /** CLM segments across every transaction set of the interchange. */
  claims: number;
  /** Service lines (LX loops), which is also the number of rows. */
  lines: number;
  rows: X12ClaimRow[];
}
