import type { DataType, TabularFormat } from '@ade/contracts';
import type { InterchangeAcknowledgment, MappingProposal, Severity, X12Finding, X12TransactionKind } from '@ade/healthcare';

export interface Violation {
  /** 1-based data row (the header is not counted). */
  row: number;
  /** For lines side by side on one row: the line of the row (the n of its headers). */
  line?: number;
  /** The column as named in the file. */
  column: string;
  rule: string;
  severity: Severity;
  message: string;
}

/** The public layout a file was recognised as, and what that changed. */
export interface RecognizedLayout {
  id: string;
  name: string;
  /** Where the layout is published; null for a user's own mapping file. */
  source: { publisher: string; document: string; url: string } | null;
  /** Rules of the data type left out for files in this layout, each with the reason. */
  notApplicable: Readonly<Record<string, string>>;
  /** Columns files in this layout do not carry, each with the reason; their rules do not run. */
  notCarried: Readonly<Record<string, string>>;
}

export interface ValidationReport {
  file: string;
  type: DataType;
  /** The known layout the file was read as; null when it was read by column names. */
  layout: RecognizedLayout | null;
  /**
   * For a file in no known layout: the mapping the profiler proposed from its headers and values,
   * with the confidence and evidence of each column; `columns.mapped` holds the applied part.
   */
  proposal: MappingProposal | null;
  /** How the file was read: a tabular format, or `x12` for an 837 read into claim lines. */
  format: TabularFormat | 'x12';
  state: string;
  asOf: string;
  rows: number;
  /** Rows with no error-severity violation (warnings do not make a row invalid). */
  valid: number;
  invalid: number;
  /** valid / rows, rounded to 4 decimals; 1 for a file with no data rows. */
  score: number;
  /** Violations per rule id, every rule that was checked (zero counts included). */
  rules: Record<string, number>;
  violations: Violation[];
  /** True when `violations` was cut at the requested maximum; `rules` always counts them all. */
  violationsTruncated: boolean;
  /**
   * For a medical-claim file that mixes professional and institutional lines: the rule set each
   * claim type was judged by, and how many lines it judged (the rest fail routing.claim_type).
   */
  routes?: Array<{ claimType: string; type: DataType; lines: number }>;
  /**
   * For a file whose claim lines are side by side on one row (DE-SynPUF): the line numbers read
   * and how many data rows they came from; `rows`, `valid` and `invalid` then count lines.
   */
  lines?: { from: number; to: number; fileRows: number };
  /**
   * For an X12 837 file: what reading it found. `rows` then count service lines; a rejected
   * transaction set's claims were not judged (each has an `error` finding).
   */
  x12?: {
    transaction: X12TransactionKind;
    interchanges: number;
    transactionSets: { accepted: number; rejected: number };
    claims: number;
    findings: X12Finding[];
    /** What a 999 says of each interchange, group and set (`ade validate --ack` writes it). */
    acknowledgments: InterchangeAcknowledgment[];
  };
  columns: {
    /** How each canonical column was found: by its name, a synonym, the recognised layout, or the profiler. */
    mapped: Array<{ source: string; canonical: string; by: 'name' | 'synonym' | 'layout' | 'profile' }>;
    /** Headers of the file that match no canonical column: reported, never silently dropped. */
    unmapped: string[];
    /** Required canonical columns the file does not have; every row violates required.missing for them. */
    missingRequired: string[];
  };
  durationMs: number;
  /** Where the time went: loading reference tables, reading the file, evaluating every check. */
  timings: { referenceMs: number; readMs: number; checksMs: number };
}
