import type { DataType } from '@ade/contracts';

/**
 * Where one canonical column's value comes from in a known layout:
 * - a header of the file, as the layout's documentation spells it;
 * - `concat`: several headers written one after another (the CCW type of bill is three fields);
 * - `firstFlagged`: the first of numbered headers whose flag column holds `equals` (NPPES marks
 *   the primary of up to fifteen taxonomy codes with a switch column). `{n}` in `value` and
 *   `flag` stands for `from`..`to`;
 * - `flagged`: one header's value when its qualifier column holds `equals`, else none (a Part D
 *   event's pharmacy id is an NPI only when its qualifier is `01`);
 * - `constant`: the same value on every row, for a column the layout implies rather than carries
 *   (a Part D event is one fill, so its line number is 1).
 */
export type LayoutSource =
  | string
  | { concat: readonly string[] }
  | { firstFlagged: { value: string; flag: string; equals: string; from: number; to: number } }
  | { flagged: { value: string; flag: string; equals: string } }
  | { constant: string };

/**
 * Claim lines written side by side on one row (DE-SynPUF's thirteen carrier lines): each
 * canonical line column's numbered header, `{n}` standing for `from`..`to`. Each row is read as
 * one line per `n` with any of these fields filled (the first line always), numbered `n`. A
 * header without `{n}` is a claim-level value read on the first line only (DE-SynPUF outpatient
 * pays the claim, not its HCPCS lines), so summing lines counts it once.
 */
export interface LayoutLines {
  from: number;
  to: number;
  columns: Readonly<Record<string, string>>;
}

/** Where a layout's documentation is published. */
export interface LayoutReference {
  publisher: string;
  document: string;
  url: string;
}

/**
 * A public file layout, shipped as data (`libs/healthcare/layouts/<id>.json`): how to recognise a
 * file written in it and where each canonical column of its data type is in it.
 */
export interface LayoutDescriptor {
  id: string;
  name: string;
  dataType: DataType;
  source: LayoutReference;
  /**
   * Headers that, all present, identify the layout. Chosen from the fields that only this layout
   * (among the shipped ones) carries together, so a file that has them all is written in it.
   */
  identifiedBy: readonly string[];
  /** Canonical column → where it is in the file. */
  columns: Readonly<Record<string, LayoutSource>>;
  /**
   * Rules of the data type's schema that do not apply to files in this layout, each with the
   * reason (e.g. a Medicare beneficiary key is not a state Medicaid id).
   */
  notApplicable: Readonly<Record<string, string>>;
  /**
   * Canonical columns, required ones included, that files in this layout do not carry, each with
   * the reason (CCLF's Part B lines name the rendering provider, never the billing one). They are
   * reported as not carried instead of missing, and the rules that read them do not run.
   */
  notCarried: Readonly<Record<string, string>>;
  /** Lines side by side on one row, read one line per row (see LayoutLines); absent for a file of one line per row. */
  lines?: LayoutLines;
}

export function numberedHeader(pattern: string, n: number): string {
  return pattern.replaceAll('{n}', String(n));
}
