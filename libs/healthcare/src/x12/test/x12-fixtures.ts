import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures');

/** Fixture interchanges are stored one segment per line ("~\n") so a diff reads like the guide. */
export function readFixture(name: '837p-two-claims.x12' | '837i-two-claims.x12' | '834-enrollment.x12' | '835-remittance.x12'): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

/** Segments of a "~\n" fixture, terminators dropped. */
export function segmentsOf(text: string): string[] {
  return text.split('~\n').filter((segment) => segment.length > 0);
}

export function joinSegments(segments: readonly string[]): string {
  return segments.map((segment) => `${segment}~\n`).join('');
}

/** The fixture with `edit` applied to its segment list (malformed variants are built this way). */
export function editSegments(text: string, edit: (segments: string[]) => string[]): string {
  return joinSegments(edit(segmentsOf(text)));
}

/** 1-based position of the first segment starting with `prefix`, as X12Error reports it. */
export function positionOf(text: string, prefix: string): number {
  const index = segmentsOf(text).findIndex((segment) => segment.startsWith(prefix));
  if (index < 0) throw new Error(`no segment starts with ${prefix}`);
  return index + 1;
}

/** Rewrites SE01 of every transaction set to its true count, so an edit tests one thing only. */
export function recountSe(segments: readonly string[]): string[] {
  let start = -1;
  return segments.map((segment, index) => {
    if (segment.startsWith('ST*')) start = index;
    if (!segment.startsWith('SE*')) return segment;
    const [, , control = ''] = segment.split('*');
    return `SE*${index - start + 1}*${control}`;
  });
}

/** Edit the segment list, then fix SE01: for claim-structure variants, whose envelopes stay valid. */
export function editClaims(text: string, edit: (segments: string[]) => string[]): string {
  return editSegments(text, (segments) => recountSe(edit(segments)));
}

/** Index (0-based) of the `nth` (1-based) segment starting with `prefix`. */
export function indexOf(segments: readonly string[], prefix: string, nth = 1): number {
  let seen = 0;
  const index = segments.findIndex((segment) => segment.startsWith(prefix) && (seen += 1) === nth);
  if (index < 0) throw new Error(`no segment ${nth} starting with ${prefix}`);
  return index;
}

/**
 * The 837P fixture with a second transaction set (control number 0002) in its group: the first
 * set's claims with their LX and SV1 segments left out, so its claims have no lines and the set is
 * rejected while the first lands. SE01 and GE01 are true.
 */
export function withBrokenSecondSet(text: string): string {
  return editSegments(text, (segments) => {
    const st = indexOf(segments, 'ST*');
    const se = indexOf(segments, 'SE*');
    const noLines = segments.slice(st + 1, se).filter((s) => !s.startsWith('LX*') && !s.startsWith('SV1*'));
    return [...segments.slice(0, se + 1), 'ST*837*0002*005010X222A1', ...noLines, `SE*${noLines.length + 2}*0002`, 'GE*2*101', segments.at(-1)!];
  });
}
