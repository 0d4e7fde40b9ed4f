import { DATA_TYPES } from '@ade/contracts';
import type { CanonicalSchema } from '../schemas/canonical-schema';
import { canonicalSchema } from '../schemas/canonical-schemas';
import { mapHeaders, type HeaderMapping } from '../mapping/header-mapping';
import { headerSimilarity } from './header-similarity';
import { headerWords } from './header-words';
import { probesFor, VALUE_PROBES, type ProbeId } from './value-probes';

/** What profiling learned about one column of the file, from a sample of its rows. */
export interface ColumnProfile {
  /** Sampled rows where the column is not blank. */
  nonBlank: number;
  /** How many of those pass each probe. */
  passing: Readonly<Partial<Record<ProbeId, number>>>;
}

/** Why a source column is proposed for a canonical column. */
export interface MappingEvidence {
  /**
   * `name`/`synonym`: the header is the column's name or a listed synonym; `words`: it reads
   * like one (`closestTo`) after abbreviations and other languages are expanded; `values`: only
   * its values point here.
   */
  header: { by: 'name' | 'synonym' | 'words' | 'values'; closestTo: string; score: number };
  /** The share of sampled non-blank values that look like the column's kind; null when the kind has no test or the column is blank. */
  values: { probe: ProbeId; description: string; share: number; nonBlank: number } | null;
  /**
   * The surest competing pairing: another column of the file for this one, or another column this
   * source could be, that has no surer home. Within RIVAL_MARGIN it is a reason to ask.
   */
  rival: { canonical: string; source: string; confidence: number } | null;
}

export interface ProposedColumn {
  canonical: string;
  source: string;
  /** 0..1, two decimals. */
  confidence: number;
  /** At or above the threshold: used without asking. */
  applied: boolean;
  evidence: MappingEvidence;
}

/** A mapping the profiler proposes for a file in no known layout, column by column. */
export interface MappingProposal {
  dataType: CanonicalSchema['dataType'];
  threshold: number;
  /** In the schema's column order. */
  columns: ProposedColumn[];
  /** Headers of the file proposed for no column. */
  unmatched: string[];
  /** Required columns with no applied source: the file cannot be judged until they are confirmed. */
  missingRequired: string[];
}

/** Proposals at or above this confidence are applied without asking. */
export const AUTO_APPLY_THRESHOLD = 0.8;
/** A rival this close makes a pairing a question, however sure it is. */
const RIVAL_MARGIN = 0.1;
/** Below this a pairing is not worth proposing. */
const PROPOSAL_FLOOR = 0.35;
/** Values may overrule a header only when there are enough of them to say so. */
const VALUES_TO_OVERRULE = 10;
/** A header this far from every name of a column leaves the case to the values. */
const VALUES_ALONE = 0.2;
/** Value kinds specific enough to propose a column on its values alone (never applied). */
const DISTINCTIVE: ReadonlySet<ProbeId> = new Set(['npi', 'icd10cm', 'ndc', 'mbi', 'taxonomy', 'icd10pcs']);

interface Pairing extends ProposedColumn {
  headerScore: number;
  sourceIndex: number;
  columnIndex: number;
}

/**
 * Pairs the file's columns with the schema's from two kinds of evidence: how each header reads
 * (names, synonyms, abbreviations, other languages) and what its values are (NPIs that pass the
 * check digit, ICD-10-CM codes, dates, amounts...). Values can confirm a header, weaken it, or
 * overrule it (a column named place of service full of organisation ids), and can point at a
 * column on their own. Each source and each canonical column is used once, surest pairing first.
 */
export function proposeMapping(
  headers: readonly string[],
  schema: CanonicalSchema,
  profiles: ReadonlyMap<string, ColumnProfile>,
  threshold = AUTO_APPLY_THRESHOLD,
): MappingProposal {
  const pairings = pairingsOf(headers, schema, profiles);
  const chosen = surestFirst(pairings);
  const homeOfSource = new Map([...chosen.values()].map((pairing) => [pairing.source, pairing.confidence]));
  const homeOfCanonical = new Map([...chosen.values()].map((pairing) => [pairing.canonical, pairing.confidence]));
  const columns = schema.columns
    .map((column) => chosen.get(column.name))
    .filter((pairing): pairing is Pairing => pairing !== undefined)
    .map(({ canonical, source, confidence, evidence }) => {
      const rival = rivalOf(pairings, { canonical, source }, homeOfSource, homeOfCanonical);
      const close = rival !== null && round(confidence - rival.confidence) < RIVAL_MARGIN;
      return { canonical, source, confidence, applied: confidence >= threshold && !close, evidence: { ...evidence, rival } };
    });
  const applied = new Set(columns.filter((column) => column.applied).map((column) => column.canonical));
  return {
    dataType: schema.dataType,
    threshold,
    columns,
    unmatched: headers.filter((header) => !homeOfSource.has(header)),
    missingRequired: schema.columns.filter((column) => column.required && !applied.has(column.name)).map((column) => column.name),
  };
}

/** Every pairing of a header with a canonical column worth proposing, surest first. */
function pairingsOf(headers: readonly string[], schema: CanonicalSchema, profiles: ReadonlyMap<string, ColumnProfile>): Pairing[] {
  const exact = new Map(mapHeaders(headers, schema).mapped.map((m) => [m.source, m]));
  const lineLevel = schema.businessKey.includes('claim_line_number');
  // Each column's probes once: reading them walks the schema's checks.
  const probesOf = new Map(schema.columns.map((column) => [column.name, probesFor(column, schema)]));
  const kindCounts = new Map<ProbeId, number>();
  // Stryker disable next-line MethodExpression: only distinctive kinds are counted against, and no weaker reading is one
  for (const probes of probesOf.values()) for (const probe of probes.slice(0, 1)) kindCounts.set(probe, (kindCounts.get(probe) ?? 0) + 1);
  const pairings: Pairing[] = [];
  headers.forEach((source, sourceIndex) => {
    const words = headerWords(source);
    const profile = profiles.get(source);
    const match = exact.get(source);
    schema.columns.forEach((column, columnIndex) => {
      const header: MappingEvidence['header'] =
        match?.canonical === column.name
          ? { by: match.by === 'name' ? 'name' : 'synonym', closestTo: match.by === 'name' ? column.name : source, score: 1 }
          : { by: 'words', ...headerSimilarity(words, column, lineLevel) };
      const values = valueEvidence(probesOf.get(column.name)!, profile);
      const confidence = confidenceOf(header, values, values ? (kindCounts.get(values.probe) ?? 1) : 1);
      // Stryker disable next-line EqualityOperator: a float landing exactly on the floor is not a case to design for
      if (confidence < PROPOSAL_FLOOR) return;
      const shown = { ...header, score: round(header.score) };
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a name or synonym always scores 1; no header scores exactly VALUES_ALONE
      const evidence = { header: header.by === 'words' && header.score < VALUES_ALONE ? { ...shown, by: 'values' as const } : shown, values, rival: null };
      // Stryker disable next-line BooleanLiteral: whether a pairing is applied is decided once every pairing is chosen
      pairings.push({ canonical: column.name, source, confidence: round(confidence), applied: false, evidence, headerScore: header.score, sourceIndex, columnIndex });
    });
  });
  return pairings.sort((a, b) => b.confidence - a.confidence || b.headerScore - a.headerScore || a.sourceIndex - b.sourceIndex || a.columnIndex - b.columnIndex);
}

/** Each source and each canonical column once, taking sorted pairings in turn: canonical → its pairing. */
function surestFirst(pairings: readonly Pairing[]): Map<string, Pairing> {
  const taken = new Set<string>();
  const chosen = new Map<string, Pairing>();
  for (const pairing of pairings) {
    if (taken.has(pairing.source) || chosen.has(pairing.canonical)) continue;
    taken.add(pairing.source);
    chosen.set(pairing.canonical, pairing);
  }
  return chosen;
}

/**
 * The proposal for the data type whose required columns the profiler applies most of (then the
 * surest overall), or null when no type has a single required column applied.
 */
export function proposeLikeliestType(headers: readonly string[], profiles: ReadonlyMap<string, ColumnProfile>): MappingProposal | null {
  const ranked = DATA_TYPES.map((type) => {
    const schema = canonicalSchema(type);
    const proposal = proposeMapping(headers, schema, profiles);
    const required = schema.columns.filter((column) => column.required).length;
    const sureness = proposal.columns.filter((column) => column.applied).reduce((sum, column) => sum + column.confidence, 0);
    return { proposal, requiredShare: (required - proposal.missingRequired.length) / required, sureness };
  }).sort((a, b) => b.requiredShare - a.requiredShare || b.sureness - a.sureness);
  const best = ranked[0]!;
  return best.requiredShare === 0 ? null : best.proposal;
}

/**
 * A proposal as a mapping file (`ade validate --mapping`): every proposed column, sure or not,
 * for a person to check, edit and hand back.
 */
export function proposalAsMappingFile(proposal: MappingProposal): { dataType: MappingProposal['dataType']; columns: Record<string, string>; notApplicable: Record<string, string> } {
  return { dataType: proposal.dataType, columns: proposedColumns(proposal.columns), notApplicable: {} };
}

/** Proposed columns as a mapping, canonical column → the file's column: what accepting them as they stand means. */
export function proposedColumns(columns: ReadonlyArray<{ canonical: string; source: string }>): Record<string, string> {
  return Object.fromEntries(columns.map((column) => [column.canonical, column.source]));
}

/**
 * The surest pairing that competes with a chosen one: the same column from another source, or the
 * same source as another column, unless that source or column got a home it is at least as sure of.
 */
function rivalOf(
  pairings: readonly Pairing[],
  chosen: { canonical: string; source: string },
  homeOfSource: ReadonlyMap<string, number>,
  homeOfCanonical: ReadonlyMap<string, number>,
): MappingEvidence['rival'] {
  // Pairings are sorted surest first, so the first competitor found is the surest.
  const rival = pairings.find(
    (pairing) =>
      (pairing.canonical === chosen.canonical && pairing.source !== chosen.source && (homeOfSource.get(pairing.source) ?? 0) < pairing.confidence) ||
      (pairing.source === chosen.source && pairing.canonical !== chosen.canonical && (homeOfCanonical.get(pairing.canonical) ?? 0) < pairing.confidence),
  );
  return rival ? { canonical: rival.canonical, source: rival.source, confidence: rival.confidence } : null;
}

/** The applied part of a proposal as the header mapping validation reads a file by. */
export function appliedMapping(proposal: MappingProposal, headers: readonly string[]): HeaderMapping {
  const applied = proposal.columns.filter((column) => column.applied);
  const used = new Set(applied.map((column) => column.source));
  const order = new Map(headers.map((header, index) => [header, index]));
  return {
    mapped: applied
      .map((column) => ({ source: column.source, canonical: column.canonical, by: byOf(column.evidence) }))
      .sort((a, b) => order.get(a.source)! - order.get(b.source)!),
    unmapped: headers.filter((header) => !used.has(header)),
    duplicates: [],
    missingRequired: proposal.missingRequired,
  };
}

function byOf(evidence: MappingEvidence): 'name' | 'synonym' | 'profile' {
  return evidence.header.by === 'name' || evidence.header.by === 'synonym' ? evidence.header.by : 'profile';
}

function valueEvidence(probes: readonly ProbeId[], profile: ColumnProfile | undefined): MappingEvidence['values'] {
  // Stryker disable next-line ConditionalExpression: without probes the loop finds nothing, and a blank column's 0/0 share never beats -1
  if (probes.length === 0 || !profile || profile.nonBlank === 0) return null;
  // A later probe is a weaker reading of the kind (an ICD-9-CM shape is not a code-set lookup).
  let best: MappingEvidence['values'] = null;
  let bestWeighted = -1;
  probes.forEach((probe, index) => {
    const share = (profile.passing[probe] ?? 0) / profile.nonBlank;
    const weighted = share * (index === 0 ? 1 : 0.7);
    if (weighted > bestWeighted) {
      bestWeighted = weighted;
      best = { probe, description: VALUE_PROBES[probe].describe, share: index === 0 ? round(share) : round(weighted), nonBlank: profile.nonBlank };
    }
  });
  return best;
}

/** How far a share of values of the column's kind backs a header: fully from half of them, down to 0.4 when none. */
function backing(share: number): number {
  return Math.min(1, 0.4 + 1.2 * share);
}

/** Values back a header read by its words; too few of them can only confirm it. */
function valueFactor(values: MappingEvidence['values']): number {
  if (values === null) return 0.9;
  if (values.nonBlank < VALUES_TO_OVERRULE) return Math.max(0.9, backing(values.share));
  return backing(values.share);
}

function confidenceOf(header: MappingEvidence['header'], values: MappingEvidence['values'], columnsOfKind: number): number {
  // Stryker disable next-line ConditionalExpression: a name or synonym always scores 1
  const byHeader = header.by === 'words' ? header.score * valueFactor(values) : header.score === 1 && values ? valueFactorForName(values) : 1;
  // Distinctive values are independent evidence: they raise a header's case, or make one of their own (never enough
  // alone). They tell the kind, not which column of the kind: the more columns share it, the less they say.
  const distinctive = values && DISTINCTIVE.has(values.probe) && values.nonBlank >= VALUES_TO_OVERRULE && values.share >= 0.9;
  const byValues = distinctive ? (0.5 * values.share) / Math.sqrt(columnsOfKind) : 0;
  return 1 - (1 - byHeader) * (1 - byValues);
}

/** A column's own name or synonym is believed unless enough values say otherwise. */
function valueFactorForName(values: NonNullable<MappingEvidence['values']>): number {
  return values.nonBlank < VALUES_TO_OVERRULE ? 1 : backing(values.share);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
