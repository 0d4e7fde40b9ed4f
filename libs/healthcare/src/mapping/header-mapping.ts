import type { CanonicalSchema } from '../schemas/canonical-schema';
import { normalizeHeader } from './normalize-header';

export interface MappedHeader {
  source: string;
  canonical: string;
  by: 'name' | 'synonym' | 'layout' | 'profile';
}

/** How a file's headers line up with a canonical schema. Nothing is dropped silently. */
export interface HeaderMapping {
  /** One entry per canonical column found, in source order. */
  mapped: MappedHeader[];
  /** Source headers that matched no column. */
  unmapped: string[];
  /** Canonical columns claimed by more than one header: the winner first, then the others in source order. */
  duplicates: Array<{ canonical: string; sources: string[] }>;
  /** Required canonical columns no header maps to. */
  missingRequired: string[];
}

interface Candidate {
  index: number;
  source: string;
  canonical: string;
  by: MappedHeader['by'];
}

/**
 * Maps source headers onto a schema's columns by canonical name first, then by synonym, both
 * compared as `normalizeHeader` keys. When several headers claim one column, a name match beats a
 * synonym and, between equals, the first header wins; the rest are reported as duplicates.
 */
export function mapHeaders(sourceHeaders: readonly string[], schema: CanonicalSchema): HeaderMapping {
  const { byName, bySynonym } = lookupFor(schema);
  const candidates: Candidate[] = [];
  const unmapped: string[] = [];
  sourceHeaders.forEach((source, index) => {
    const key = normalizeHeader(source);
    const name = byName.get(key);
    const synonym = bySynonym.get(key);
    if (name !== undefined) candidates.push({ index, source, canonical: name, by: 'name' });
    else if (synonym !== undefined) candidates.push({ index, source, canonical: synonym, by: 'synonym' });
    else unmapped.push(source);
  });

  const claims = new Map<string, Candidate[]>();
  for (const candidate of candidates) claims.set(candidate.canonical, [...(claims.get(candidate.canonical) ?? []), candidate]);

  const winners: Candidate[] = [];
  const duplicates: HeaderMapping['duplicates'] = [];
  for (const [canonical, claimants] of claims) {
    const winner = claimants.find((c) => c.by === 'name') ?? claimants[0]!;
    winners.push(winner);
    if (claimants.length > 1) {
      duplicates.push({ canonical, sources: [winner.source, ...claimants.filter((c) => c !== winner).map((c) => c.source)] });
    }
  }
  winners.sort((a, b) => a.index - b.index);
  const found = new Set(winners.map((w) => w.canonical));
  return {
    mapped: winners.map(({ source, canonical, by }) => ({ source, canonical, by })),
    unmapped,
    duplicates,
    missingRequired: schema.columns.filter((c) => c.required && !found.has(c.name)).map((c) => c.name),
  };
}

interface SchemaLookup {
  byName: ReadonlyMap<string, string>;
  bySynonym: ReadonlyMap<string, string>;
}

const lookups = new WeakMap<CanonicalSchema, SchemaLookup>();

function lookupFor(schema: CanonicalSchema): SchemaLookup {
  let lookup = lookups.get(schema);
  if (!lookup) {
    const byName = new Map(schema.columns.map((c) => [normalizeHeader(c.name), c.name]));
    const bySynonym = new Map<string, string>();
    for (const c of schema.columns) {
      for (const synonym of c.synonyms) {
        const key = normalizeHeader(synonym);
        // A synonym never overrides another column's name or an earlier column's synonym; the
        // schema tests keep both from happening at all.
        if (!byName.has(key) && !bySynonym.has(key)) bySynonym.set(key, c.name);
      }
    }
    lookup = { byName, bySynonym };
    lookups.set(schema, lookup);
  }
  return lookup;
}
