import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findShippedDir } from '../../shipped-data-dir';
import type { X12TransactionKind } from '../transaction-kind';

/** R required, S situational, N not used: an element's or a segment's usage in the guide. */
export type Usage = 'R' | 'S' | 'N';

/** One element (or one component of a composite) as the guide defines it. */
export interface ElementRule {
  usage: Usage;
  /** X12 data types: AN string, ID code, N0 integer, R decimal, DT date (CCYYMMDD), TM time. */
  type: 'AN' | 'ID' | 'N0' | 'R' | 'DT' | 'TM';
  min: number;
  max: number;
  /** For ID elements: the codes the guide allows here, when it lists them. */
  codes?: readonly string[];
}

export interface CompositeRule {
  usage: Usage;
  components: readonly ElementRule[];
}

export interface LoopRule {
  /** Loops this one may open under (the nearest enclosing one wins); none for the header. */
  parents: readonly string[];
  /** The segment (and, for NM1 and HL, the qualifier codes) that opens the loop. */
  trigger: { segment: string; element?: number; codes?: readonly string[] } | null;
  /** The segments the loop holds, its trigger included, each required or situational. */
  segments: Readonly<Record<string, Usage>>;
}

/** An implementation guide (837P, 837I, 835) as data: its loops, and the elements of the segments it details. */
export interface ImplementationGuide {
  transaction: X12TransactionKind;
  source: { publisher: string; document: string; url: string };
  loops: Readonly<Record<string, LoopRule>>;
  elements: Readonly<Record<string, ReadonlyArray<ElementRule | CompositeRule>>>;
}

const cache = new Map<X12TransactionKind, ImplementationGuide>();

/** The shipped guide of a transaction kind (`libs/healthcare/x12-guides/837p.json`, `837i.json`, `835.json`). */
export function implementationGuide(kind: X12TransactionKind, startDir: string = __dirname): ImplementationGuide {
  const cached = cache.get(kind);
  if (cached) return cached;
  const dir = findShippedDir(join('libs', 'healthcare', 'x12-guides'), startDir);
  if (dir === null) throw new Error(`No libs/healthcare/x12-guides folder above ${startDir}; ship the guides with the build`);
  const guide = JSON.parse(readFileSync(join(dir, `${kind.toLowerCase()}.json`), 'utf8')) as ImplementationGuide;
  if (guide.transaction !== kind || !guide.loops['HEADER']) throw new Error(`x12-guides/${kind.toLowerCase()}.json is not the ${kind} guide`);
  cache.set(kind, guide);
  return guide;
}
