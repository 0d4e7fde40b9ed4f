import type { CanonicalColumn } from '../schemas/canonical-schema';
import { SETTING_APART } from './header-vocabulary';
import { conceptWeight, headerWords, type HeaderWords } from './header-words';

/** How closely a header reads like a canonical column, and which of its names it reads like. */
export interface HeaderSimilarity {
  /** 0..1: the weighted share of concepts the header and the name have in common. */
  score: number;
  /** The column's name or synonym the header came closest to. */
  closestTo: string;
}

interface ColumnNames {
  /** The repeat number the column's name ends in (`diagnosis_code_3` → 3), or null. */
  ordinal: number | null;
  names: Array<{ text: string; concepts: ReadonlySet<string> }>;
}

const namesByColumn = new WeakMap<CanonicalColumn, ColumnNames>();

function columnNames(column: CanonicalColumn): ColumnNames {
  let names = namesByColumn.get(column);
  // Stryker disable next-line ConditionalExpression: the cache only spares re-reading the names
  if (!names) {
    // Stryker disable next-line Regex: no canonical name has a number anywhere but at its end
    const ordinal = /_([0-9]+)$/.exec(column.name);
    names = {
      ordinal: ordinal ? Number(ordinal[1]) : null,
      names: [column.name, ...column.synonyms].map((text) => ({ text, concepts: headerWords(text).concepts })),
    };
    namesByColumn.set(column, names);
  }
  return names;
}

/**
 * Compares a header with a canonical column's name and synonyms, concept by concept, weighting
 * each shared concept by how much it tells columns apart (a weighted Dice coefficient). A
 * numbered column (`diagnosis_code_3`) only matches a header carrying the same number; the first
 * of a series also matches an unnumbered header (a principal diagnosis), a little less surely.
 */
export function headerSimilarity(header: HeaderWords, column: CanonicalColumn, lineLevel = false): HeaderSimilarity {
  const { ordinal, names } = columnNames(column);
  let factor = 1;
  if (ordinal !== null && header.ordinal !== ordinal) {
    if (header.ordinal !== null || ordinal !== 1) return { score: 0, closestTo: column.name };
    factor = 0.85;
  } else if (ordinal === null && header.ordinal !== null) {
    // The first of a header's repeats is the likelier single value (LINE_ALOWD_CHRG_AMT_1).
    factor = header.ordinal <= 1 ? 0.9 : 0.8;
  }
  let concepts = header.concepts;
  if (lineLevel && column.name.endsWith('_amount')) {
    // One row per line: its amounts are the line's (LINE_..., REV_CNTR_...), not the claim's total.
    concepts = new Set([...concepts].filter((concept) => !LINE_MARKERS.has(concept)));
    if (concepts.size === header.concepts.size && (concepts.has('claim') || concepts.has('total'))) factor *= 0.8;
  }
  let best: HeaderSimilarity = { score: 0, closestTo: column.name };
  for (const name of names) {
    const apart = [...concepts].some((concept) => SETTING_APART.has(concept) && !name.concepts.has(concept));
    const score = weightedDice(concepts, name.concepts) * factor * (apart ? 0.7 : 1);
    if (score > best.score) best = { score, closestTo: name.text };
  }
  return best;
}

const LINE_MARKERS: ReadonlySet<string> = new Set(['line', 'revenue', 'center']);

function weightedDice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  let total = 0;
  for (const concept of a) {
    total += conceptWeight(concept);
    if (b.has(concept)) shared += conceptWeight(concept);
  }
  for (const concept of b) total += conceptWeight(concept);
  // Sums of fractional weights can land a hair above 1. A canonical column always has a name, so
  // total is never 0.
  // Stryker disable next-line ConditionalExpression: see above
  return total === 0 ? 0 : Math.min(1, (2 * shared) / total);
}
