import type { SchemaColumn } from '@ade/contracts';
import { normalizeHeader } from '@ade/healthcare';

/** A file column and the registered column it lands in, if any. */
export interface SourceMatch {
  source: SchemaColumn;
  /** null: a column the table does not have (added). */
  registered: SchemaColumn | null;
  /** Lands in a registered column of another name. */
  renamed: boolean;
}

export interface ColumnMatching {
  /** In file order. */
  sources: SourceMatch[];
  /** Registered columns no file column lands in, in table order. */
  removed: SchemaColumn[];
}

type Key = (name: string) => string | null;

/**
 * Pairs file columns with registered columns: first by exact name; then, among the ones left on
 * both sides, by normalized header (case, spaces and punctuation aside); then by canonical
 * column. Each pass finishes before the next, so a weaker match never takes a column a stronger
 * one would have claimed; within a pass the first file column wins.
 */
export function matchColumns(
  source: readonly SchemaColumn[],
  registered: readonly SchemaColumn[],
  canonicalOf: (header: string) => string | null,
): ColumnMatching {
  const landsIn = new Map<SchemaColumn, SchemaColumn>();
  const unclaimed = new Set(registered);
  const pair = (key: Key) => {
    for (const column of source) {
      if (landsIn.has(column)) continue;
      const wanted = key(column.name);
      if (wanted === null) continue;
      const target = [...unclaimed].find((candidate) => key(candidate.name) === wanted);
      if (!target) continue;
      landsIn.set(column, target);
      unclaimed.delete(target);
    }
  };
  pair((name) => name);
  pair((name) => normalizeHeader(name) || null);
  const canonical = memoize(canonicalOf);
  pair(canonical);

  return {
    sources: source.map((column) => {
      const target = landsIn.get(column) ?? null;
      return { source: column, registered: target, renamed: target !== null && target.name !== column.name };
    }),
    removed: registered.filter((column) => unclaimed.has(column)),
  };
}

function memoize(key: Key): Key {
  const seen = new Map<string, string | null>();
  return (name) => {
    if (!seen.has(name)) seen.set(name, key(name));
    return seen.get(name)!;
  };
}
