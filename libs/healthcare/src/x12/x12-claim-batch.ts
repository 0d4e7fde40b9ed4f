import type { InterchangeAcknowledgment, X12Finding } from './envelope-reader';
import type { X12DataType, X12TransactionKind } from './transaction-kind';

/** One row per service line (834: per member and coverage; 835: per service line paid); keys are the canonical columns of the data type's silver schema. */
export type X12ClaimRow = Record<string, string | null>;

export interface X12ClaimBatch {
  transaction: X12TransactionKind;
  dataType: X12DataType;
  /** ISA13 of each interchange in the file, as written (nine digits, zeros kept). */
  interchangeControlNumbers: string[];
  /** CLM segments (834: members, INS; 835: claim payments, CLP) across every accepted transaction set. */
  claims: number;
  /** Service lines (LX loops; 834: member coverages; 835: lines paid, or claims paid without lines), which is also the number of rows. */
  lines: number;
  /** Transaction sets whose claims landed, and those rejected (each with an `error` finding). */
  transactionSets: { accepted: number; rejected: number };
  /** Everything reading found wrong, in file order of discovery; see X12Finding. */
  findings: X12Finding[];
  /** Per interchange, group and set, what a 999 acknowledgment says of them (see render999). */
  acknowledgments: InterchangeAcknowledgment[];
  rows: X12ClaimRow[];
}
