import { X12FatInterchange, X12Interchange, X12Parser, type X12Segment } from 'node-x12';
import { readIsaHeader, type IsaHeader } from './isa-header';
import { SegmentPositions } from './segment-positions';
import { X12Error } from './x12-error';
import type { X12Seg } from './x12-segment';

export interface EnvelopeTransaction {
  header: X12Seg;
  /** Between ST and SE, exclusive. */
  segments: X12Seg[];
  trailer: X12Seg | null;
}

export interface EnvelopeGroup {
  header: X12Seg;
  transactions: EnvelopeTransaction[];
  trailer: X12Seg | null;
}

/** The interchange as node-x12 nested it, every segment carrying its 1-based position. */
export interface Envelope {
  isa: IsaHeader;
  header: X12Seg;
  groups: EnvelopeGroup[];
  trailer: X12Seg | null;
  /** What node-x12 reported while nesting (segments outside a group or transaction ...). */
  parserProblems: X12Error[];
}

/** node-x12 does not re-export its diagnostic class from the package root. */
type X12Diagnostic = X12Parser['diagnostics'][number];

/**
 * Tokenizes and nests the interchange with node-x12. The parser runs non-strict so that it reports
 * diagnostics with ranges instead of throwing at the first mismatch without saying where; the
 * envelope checks that matter are redone in validate-envelope.ts with segment positions.
 */
export function readInterchange(rawText: string): Envelope {
  // A BOM or blank lines before ISA are editor artefacts, not X12; the ISA offsets start after them.
  const text = rawText.replace(/^\uFEFF?\s*/, '');
  const isa = readIsaHeader(text);
  const positions = new SegmentPositions(text, isa.segmentTerminator);
  const parser = new X12Parser(false);
  let parsed: X12Interchange | X12FatInterchange | undefined;
  try {
    parsed = parser.parse(text);
  } catch {
    // Non-strict node-x12 still dereferences a missing group or transaction (a GE with no GS, an SE
    // with no ST) after logging a diagnostic; the diagnostic says which segment, the TypeError does not.
    throw problemFromDiagnostics(parser.diagnostics, positions) ?? unreadable();
  }
  const parserProblems = parser.diagnostics.map((diagnostic) => problemFromDiagnostic(diagnostic, positions));
  if (!(parsed instanceof X12Interchange) || parsed.header === undefined) {
    throw parserProblems[0] ?? unreadable();
  }
  const toSeg = (segment: X12Segment): X12Seg => ({
    tag: segment.tag,
    elements: segment.elements.map((element) => element.value),
    position: positions.positionOf(segment.range.start),
    componentSeparator: isa.componentSeparator,
  });
  const header = toSeg(parsed.header);
  if (header.position !== 1) {
    // Non-strict node-x12 lets a later ISA replace the first one and merges their groups.
    parserProblems.push(new X12Error('envelope_invalid', 'ISA', header.position, 'the file holds more than one interchange (ISA)'));
  }
  return {
    isa,
    header,
    groups: parsed.functionalGroups.map((group) => ({
      header: toSeg(group.header),
      transactions: group.transactions.map((transaction) => ({
        header: toSeg(transaction.header),
        segments: transaction.segments.map(toSeg),
        trailer: transaction.trailer === undefined ? null : toSeg(transaction.trailer),
      })),
      trailer: group.trailer === undefined ? null : toSeg(group.trailer),
    })),
    trailer: parsed.trailer === undefined ? null : toSeg(parsed.trailer),
    parserProblems,
  };
}

function problemFromDiagnostics(diagnostics: readonly X12Diagnostic[], positions: SegmentPositions): X12Error | undefined {
  const last = diagnostics[diagnostics.length - 1];
  return last === undefined ? undefined : problemFromDiagnostic(last, positions);
}

/**
 * node-x12 messages quote element values in parentheses ("The value in SE01 (12) ..."); we keep the
 * sentence and drop the quotes so no value ever reaches our message.
 */
function problemFromDiagnostic(diagnostic: X12Diagnostic, positions: SegmentPositions): X12Error {
  const sentence = diagnostic.message
    .replace(/^X12 Standard:\s*/, '')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/[.!]+$/, '');
  return new X12Error('envelope_invalid', segmentNamedIn(diagnostic.message), positions.positionOf(diagnostic.range?.start), sentence);
}

/** "IEA01", "GE02" or "XYZ segment ..." → the tag; otherwise the interchange as a whole. */
function segmentNamedIn(message: string): string {
  const elementReference = /\b(ISA|IEA|GS|GE|ST|SE)\d{2}\b/.exec(message);
  if (elementReference) return elementReference[1] as string;
  const segmentReference = /\b([A-Z][A-Z0-9]{1,2}) segment\b/.exec(message);
  if (segmentReference) return segmentReference[1] as string;
  return /functional group/.test(message) ? 'GS' : 'ISA';
}

function unreadable(): X12Error {
  return new X12Error('interchange_unreadable', 'ISA', 1, 'node-x12 could not read the interchange');
}
