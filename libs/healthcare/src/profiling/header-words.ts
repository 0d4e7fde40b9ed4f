import { canonicalSchema } from '../schemas/canonical-schemas';
import { DATA_TYPES } from '@ade/contracts';
import { AMOUNT } from '../rules/values/amount';
import { parseClaimDate } from '../rules/values/claim-date';
import { CONCEPT_WEIGHTS, HEADER_STOP_WORDS, HEADER_WORDS, ORDINAL_WORDS } from './header-vocabulary';

/** A header read as concepts: what it is about, and the number of the repeat it is, if any. */
export interface HeaderWords {
  concepts: ReadonlySet<string>;
  /** The last number in the header (`ICD_DGNS_CD12` → 12), or null. */
  ordinal: number | null;
}

/**
 * Whether a "header" is really a value: a number (an NPI, an NDC, an amount) or a date. A first
 * line with one is data, and the file has no header row to read.
 */
export function looksLikeData(header: string): boolean {
  const text = header.trim();
  return AMOUNT.test(text) || parseClaimDate(text) !== null;
}

/** Code-system names whose digits are part of the word, not a repeat number. */
const WORDS_WITH_DIGITS = /^(icd9|icd10|ndc11|zip5|ndc10|1st|2nd|3rd|4th|5th)$/;

/**
 * Reads a header the way a person would: splits camelCase, separators and glued words
 * (`PATIENTID`, `Leistungsdatum`), drops accents and filler words, and replaces each word with
 * the concept it stands for (`DGNS` → diagnosis, `fecha` → date).
 */
export function headerWords(header: string): HeaderWords {
  const words = splitWords(header);
  const concepts = new Set<string>();
  let ordinal: number | null = null;
  for (const word of words) {
    if (/^[0-9]+$/.test(word)) {
      ordinal = Number(word);
      continue;
    }
    if (ORDINAL_WORDS[word] !== undefined) {
      ordinal = ORDINAL_WORDS[word];
      continue;
    }
    if (HEADER_STOP_WORDS.has(word)) continue;
    for (const concept of HEADER_WORDS[word] ?? [word]) concepts.add(concept);
  }
  return { concepts, ordinal };
}

function splitWords(header: string): string[] {
  const spaced = header
    .normalize('NFKD')
    // Stryker disable next-line Regex: with the g flag one mark at a time removes them all too
    .replace(/\p{M}+/gu, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  return spaced
    // Stryker disable next-line Regex: the empty chunks a single-character split leaves are filtered next
    .split(/[^a-z0-9]+/)
    .filter((chunk) => chunk !== '')
    .flatMap((chunk) => (WORDS_WITH_DIGITS.test(chunk) ? [chunk] : chunk.split(/(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)))
    // Stryker disable next-line ConditionalExpression,LogicalOperator,Regex: segment returns known words and numbers whole; skipping it only saves work
    .flatMap((word) => (isKnown(word) || /^[0-9]+$/.test(word) ? [word] : segment(word)));
}

let canonicalWords: ReadonlySet<string> | undefined;
let known: ReadonlySet<string> | undefined;
let concepts: ReadonlySet<string> | undefined;

/** Words of every canonical column's name and synonyms. */
function wordsOfCanonicalNames(): ReadonlySet<string> {
  if (canonicalWords) return canonicalWords;
  const words = new Set<string>();
  for (const type of DATA_TYPES) {
    for (const column of canonicalSchema(type).columns) {
      // Stryker disable next-line ConditionalExpression,Regex: numbers are split off before segmenting, so a numeric "word" is never looked up
      for (const text of [column.name, ...column.synonyms]) for (const word of text.split('_')) if (/^[a-z]{2,}$/.test(word)) words.add(word);
    }
  }
  canonicalWords = words;
  return canonicalWords;
}

/** Words a header may be split into: the vocabulary's and the canonical names'. */
function knownWords(): ReadonlySet<string> {
  known ??= new Set([...Object.keys(HEADER_WORDS), ...Object.keys(ORDINAL_WORDS), ...wordsOfCanonicalNames()]);
  return known;
}

/** Concepts a canonical column can be about; any other word in a header is noise (NCH, CARR, FI). */
function knownConcepts(): ReadonlySet<string> {
  concepts ??= new Set([...Object.values(HEADER_WORDS).flat(), ...wordsOfCanonicalNames()]);
  return concepts;
}

function isKnown(word: string): boolean {
  // Stryker disable next-line all: only decides whether to segment, which returns known words whole anyway
  return knownWords().has(word) || HEADER_STOP_WORDS.has(word);
}

/**
 * Splits a glued word into known words, leaving as few letters unexplained as possible
 * (`patientid` → patient id; German compounds joined by `s` keep it on the first part, which
 * the vocabulary lists). Left whole when most of it stays unexplained.
 */
function segment(word: string): string[] {
  if (word.length < 5) return [word];
  // best[i]: fewest unexplained letters for word.slice(0, i).
  const best: Array<{ unexplained: number; pieces: string[] }> = [{ unexplained: 0, pieces: [] }];
  for (let end = 1; end <= word.length; end += 1) {
    let choice: { unexplained: number; pieces: string[] } | undefined;
    for (let start = 0; start < end; start += 1) {
      const before = best[start]!;
      const piece = word.slice(start, end);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: no known word is one letter, and an unknown two-letter piece is split off all the same
      const knownPiece = piece.length >= 2 && knownWords().has(piece);
      const unexplained = before.unexplained + (knownPiece ? 0 : piece.length);
      const pieces = [...before.pieces, piece];
      // On a tie the earliest start wins: the longest known word at the front.
      if (!choice || unexplained < choice.unexplained) choice = { unexplained, pieces };
    }
    best.push(choice!);
  }
  const result = best[word.length]!;
  return result.unexplained * 2 > word.length ? [word] : result.pieces;
}

/** How much a concept counts toward a match; a word no column is about counts little against one. */
export function conceptWeight(concept: string): number {
  return CONCEPT_WEIGHTS[concept] ?? (knownConcepts().has(concept) ? 1 : UNKNOWN_WORD_WEIGHT);
}

const UNKNOWN_WORD_WEIGHT = 0.3;
