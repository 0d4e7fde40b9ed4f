import type { DataType } from '@ade/contracts';

/**
 * Where one canonical column's value comes from in a known layout:
 * - a header of the file, as the layout's documentation spells it;
 * - `concat`: several headers written one after another (the CCW type of bill is three fields);
 * - `firstFlagged`: the first of numbered headers whose flag column holds `equals` (NPPES marks
 *   the primary of up to fifteen taxonomy codes with a switch column). `{n}` in `value` and
 *   `flag` stands for `from`..`to`.
 */
export type LayoutSource =
  | string
  | { concat: readonly string[] }
  | { firstFlagged: { value: string; flag: string; equals: string; from: number; to: number } };

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
}

export function numberedHeader(pattern: string, n: number): string {
  return pattern.replaceAll('{n}', String(n));
}
