import { ENVELOPE_IDS, transactionKindOf, unsupportedVersionProblem, type X12TransactionKind } from './transaction-kind';
import { X12Error, type X12ErrorCode } from './x12-error';
import { element, type X12Seg } from './x12-segment';

/**
 * What reading found wrong, in the manner of a 999 acknowledgment: `error` rejected the
 * transaction set it names (the rest of the file still lands), `warning` was noted and the claims
 * landed (an envelope count or control number that disagrees, a missing trailer after complete
 * sets). Messages name segments, positions, control numbers and counts, never a value of a claim.
 */
export interface X12Finding {
  severity: 'error' | 'warning';
  code: X12ErrorCode;
  segment: string;
  position: number;
  message: string;
  /** The message without the segment and position it leads with. */
  problem: string;
  /** For a finding against the implementation guide: the loop, and the element (`NM101`, `CLM05-2`) when it is one. */
  loop?: string;
  element?: string;
}

export function findingOf(error: X12Error, severity: X12Finding['severity']): X12Finding {
  return { severity, code: error.code, segment: error.segment, position: error.position, message: error.message, problem: error.problem };
}

/**
 * What a 999 says of one transaction set: A accepted, E accepted with errors noted, R rejected,
 * with the implementation syntax error codes (IK502..) of what was wrong.
 */
export interface SetAcknowledgment {
  /** ST01, ST02, ST03 as received. */
  id: string;
  control: string;
  version: string | null;
  status: 'A' | 'E' | 'R';
  codes: string[];
  /** Segments in error against the guide (IK3), each with its elements in error (IK4). */
  segmentErrors: SegmentError[];
}

/** One IK3: a segment by id, its position in the set (ST = 1), its loop and error code, with its IK4s. */
export interface SegmentError {
  id: string;
  position: number;
  loop: string;
  code: string;
  elements: Array<{ position: number; component?: number; code: string }>;
}

/** What a 999 says of one functional group (AK1, AK9), with its sets. */
export interface GroupAcknowledgment {
  /** GS01, GS06, GS08, and GS02 / GS03 (whom the acknowledgment goes back to, and from). */
  functionalId: string;
  control: string;
  version: string;
  sender: string;
  receiver: string;
  sets: SetAcknowledgment[];
  /** GE01 as received, or null without a GE. */
  declaredSets: string | null;
  /** AK905.. functional group syntax error codes. */
  codes: string[];
  /** The whole group was refused (not HC, a version not read). */
  refused: boolean;
}

/** One interchange as read: its ISA, for the acknowledgment's own envelope, and its groups. */
export interface InterchangeAcknowledgment {
  isa: X12Seg;
  groups: GroupAcknowledgment[];
}

/** One transaction set (ST..SE) the envelopes accepted, with the 837 kind its group declares. */
export interface TransactionSet {
  kind: X12TransactionKind;
  header: X12Seg;
  /** Between ST and SE, exclusive. */
  segments: X12Seg[];
  /** Its acknowledgment, which the claim reader may still turn into a rejection. */
  acknowledgment: SetAcknowledgment;
}

interface OpenInterchange {
  header: X12Seg;
  groups: number;
}

interface OpenGroup {
  header: X12Seg;
  sets: number;
  kind: X12TransactionKind | undefined;
  /** Why every set of the group is rejected (GS01 not HC, a version we do not read, no ISA). */
  refusal: X12Error | null;
  acknowledgment: GroupAcknowledgment | null;
}

interface OpenSet {
  header: X12Seg;
  segments: X12Seg[];
  acknowledgment: SetAcknowledgment;
}

/**
 * Nests segments into interchanges, functional groups and transaction sets as they arrive, and
 * hands each complete set on (`onSet`) without holding the rest of the file. Any number of
 * interchanges, groups and sets may follow one another. A set whose envelope is broken (no SE, no
 * GS, not the transaction its group's version declares, a version we do not read) is rejected as
 * an `error` finding; counts and control numbers that disagree, and trailers missing after
 * complete sets, are `warning`s.
 */
export class EnvelopeReader {
  readonly findings: X12Finding[] = [];
  readonly acknowledgments: InterchangeAcknowledgment[] = [];
  /** Transaction sets rejected, here or by whoever the sets were handed to (see reject). */
  rejectedSets = 0;
  private interchange: OpenInterchange | null = null;
  private group: OpenGroup | null = null;
  private set: OpenSet | null = null;
  private last: X12Seg | null = null;

  constructor(private readonly onSet: (set: TransactionSet) => void) {}

  accept(segment: X12Seg): void {
    switch (segment.tag) {
      case 'ISA':
        this.closeInterchange(segment.position);
        this.interchange = { header: segment, groups: 0 };
        this.acknowledgments.push({ isa: segment, groups: [] });
        break;
      case 'IEA':
        this.interchangeTrailer(segment);
        break;
      case 'GS':
        this.closeGroup(segment.position);
        this.openGroup(segment);
        break;
      case 'GE':
        this.groupTrailer(segment);
        break;
      case 'ST':
        this.rejectOpenSet(segment.position);
        this.openSet(segment);
        break;
      case 'SE':
        this.setTrailer(segment);
        break;
      default:
        if (this.set) this.set.segments.push(segment);
        else this.warn('envelope_invalid', segment, 'the segment is outside a transaction set (ST..SE) and was ignored');
    }
    this.last = segment;
  }

  /** At the end of the file: what is still open lacks its trailer. */
  finish(): void {
    this.closeInterchange((this.last?.position ?? 0) + 1);
  }

  private openGroup(header: X12Seg): void {
    const group: OpenGroup = { header, sets: 0, kind: undefined, refusal: null, acknowledgment: null };
    if (this.interchange) this.interchange.groups += 1;
    else group.refusal = new X12Error('envelope_invalid', 'GS', header.position, 'the functional group is outside an interchange (ISA..IEA)');
    if (group.refusal === null) {
      group.kind = transactionKindOf(element(header, 8));
      if (group.kind === undefined) group.refusal = new X12Error('transaction_unsupported', 'GS', header.position, unsupportedVersionProblem(element(header, 8)));
      else if (element(header, 1) !== ENVELOPE_IDS[group.kind].functionalId) {
        const expected = ENVELOPE_IDS[group.kind].functionalId;
        group.refusal = new X12Error('transaction_unsupported', 'GS', header.position, `GS01 is not ${expected}, the functional group of the version GS08 declares`);
        group.kind = undefined;
      }
    }
    if (this.interchange) {
      const value = (index: number) => element(header, index) ?? '';
      // AK905 2: its version is not supported; 1: the functional group is not (a GS01 that does not fit it).
      const codes = group.refusal === null ? [] : [transactionKindOf(element(header, 8)) === undefined ? '2' : '1'];
      group.acknowledgment = { functionalId: value(1), control: value(6), version: value(8), sender: value(2), receiver: value(3), sets: [], declaredSets: null, codes, refused: codes.length > 0 };
      this.acknowledgments.at(-1)!.groups.push(group.acknowledgment);
    }
    this.group = group;
  }

  private openSet(header: X12Seg): void {
    const acknowledgment: SetAcknowledgment = { id: element(header, 1) ?? '', control: element(header, 2) ?? '', version: element(header, 3), status: 'A', codes: [], segmentErrors: [] };
    this.set = { header, segments: [], acknowledgment };
    if (this.group) {
      this.group.sets += 1;
      this.group.acknowledgment?.sets.push(acknowledgment);
    }
  }

  private setTrailer(trailer: X12Seg): void {
    const set = this.set;
    if (set === null) {
      this.warn('envelope_invalid', trailer, 'SE has no ST before it and was ignored');
      return;
    }
    this.set = null;
    const controlNumber = element(set.header, 2) ?? '';
    const count = set.segments.length + 2;
    // IK502 4: the segment count disagrees; 3: the control numbers do.
    if (!countMatches(element(trailer, 1), count)) {
      this.warn('envelope_invalid', trailer, `SE01 does not match the ${count} segments of transaction set ${controlNumber}`);
      noteError(set.acknowledgment, '4');
    }
    if (element(trailer, 2) !== element(set.header, 2)) {
      this.warn('envelope_invalid', trailer, `SE02 does not match ST02 transaction set control number ${controlNumber}`);
      noteError(set.acknowledgment, '3');
    }
    const refusal = this.refusalOf(set);
    if (refusal) this.reject(set.acknowledgment, refusal.code, refusal.error);
    else this.onSet({ kind: this.group!.kind!, header: set.header, segments: set.segments, acknowledgment: set.acknowledgment });
  }

  /** Why a complete set cannot be read, with its IK502 code, or null when it can. */
  private refusalOf(set: OpenSet): { error: X12Error; code: string } | null {
    const { header } = set;
    const controlNumber = element(header, 2) ?? '';
    const group = this.group;
    if (group === null) return { error: new X12Error('envelope_invalid', 'ST', header.position, `transaction set ${controlNumber} is outside a functional group (GS..GE)`), code: '1' };
    if (group.refusal) {
      return { error: new X12Error(group.refusal.code, group.refusal.segment, group.refusal.position, `${group.refusal.problem}; transaction set ${controlNumber} rejected`), code: '1' };
    }
    const expected = ENVELOPE_IDS[group.kind!].transactionSetId;
    if (element(header, 1) !== expected) return { error: new X12Error('transaction_unsupported', 'ST', header.position, `ST01 of transaction set ${controlNumber} is not ${expected}`), code: '6' };
    const version = element(header, 3);
    if (version !== null && transactionKindOf(version) !== group.kind) {
      return { error: new X12Error('transaction_unsupported', 'ST', header.position, `ST03 of transaction set ${controlNumber} is not the version GS08 declares`), code: 'I6' };
    }
    return null;
  }

  private rejectOpenSet(at: number): void {
    if (this.set === null) return;
    const controlNumber = element(this.set.header, 2) ?? '';
    this.reject(this.set.acknowledgment, '2', new X12Error('envelope_invalid', 'SE', at, `transaction set ${controlNumber} has no SE trailer; it was rejected`));
    this.set = null;
  }

  private groupTrailer(trailer: X12Seg): void {
    this.rejectOpenSet(trailer.position);
    const group = this.group;
    if (group === null) {
      this.warn('envelope_invalid', trailer, 'GE has no GS before it and was ignored');
      return;
    }
    this.group = null;
    const controlNumber = element(group.header, 6) ?? '';
    const acknowledgment = group.acknowledgment;
    if (acknowledgment) acknowledgment.declaredSets = element(trailer, 1);
    // AK905 5: the set count disagrees; 4: the control numbers do.
    if (!countMatches(element(trailer, 1), group.sets)) {
      this.warn('envelope_invalid', trailer, `GE01 does not match the ${group.sets} transaction sets in functional group ${controlNumber}`);
      acknowledgment?.codes.push('5');
    }
    if (element(trailer, 2) !== element(group.header, 6)) {
      this.warn('envelope_invalid', trailer, `GE02 does not match GS06 group control number ${controlNumber}`);
      acknowledgment?.codes.push('4');
    }
    if (group.sets === 0) this.warn('envelope_invalid', group.header, `functional group ${controlNumber} has no transaction set (ST)`);
  }

  private closeGroup(at: number): void {
    this.rejectOpenSet(at);
    if (this.group === null) return;
    const controlNumber = element(this.group.header, 6) ?? '';
    this.findings.push(findingOf(new X12Error('envelope_invalid', 'GE', at, `functional group ${controlNumber} has no GE trailer`), 'warning'));
    this.group.acknowledgment?.codes.push('3');
    this.group = null;
  }

  private interchangeTrailer(trailer: X12Seg): void {
    this.closeGroup(trailer.position);
    const interchange = this.interchange;
    if (interchange === null) {
      this.warn('envelope_invalid', trailer, 'IEA has no ISA before it and was ignored');
      return;
    }
    this.interchange = null;
    const controlNumber = element(interchange.header, 13) ?? '';
    if (!countMatches(element(trailer, 1), interchange.groups)) {
      this.warn('envelope_invalid', trailer, `IEA01 does not match the ${interchange.groups} functional groups in the interchange`);
    }
    if (element(trailer, 2) !== controlNumber) this.warn('envelope_invalid', trailer, `IEA02 does not match ISA13 interchange control number ${controlNumber}`);
  }

  private closeInterchange(at: number): void {
    this.closeGroup(at);
    if (this.interchange === null) return;
    if (this.interchange.groups === 0) this.warn('envelope_invalid', this.interchange.header, 'the interchange has no functional group (GS)');
    this.findings.push(findingOf(new X12Error('envelope_invalid', 'IEA', at, 'the interchange has no IEA trailer'), 'warning'));
    this.interchange = null;
  }

  /** Rejects a set (IK501 R, with its IK502 code) with an `error` finding saying why. */
  reject(acknowledgment: SetAcknowledgment, code: string, error: X12Error): void {
    this.findings.push(findingOf(error, 'error'));
    rejectSet(acknowledgment, code);
    this.rejectedSets += 1;
  }

  private warn(code: X12ErrorCode, segment: X12Seg, problem: string): void {
    this.findings.push(findingOf(new X12Error(code, segment.tag, segment.position, problem), 'warning'));
  }
}

/** A set accepted with an error noted (IK501 E), unless it is already rejected. */
export function noteError(acknowledgment: SetAcknowledgment, code: string): void {
  if (acknowledgment.status === 'A') acknowledgment.status = 'E';
  acknowledgment.codes.push(code);
}

/** A rejected set (IK501 R) and why (IK502..). */
function rejectSet(acknowledgment: SetAcknowledgment, code: string): void {
  acknowledgment.status = 'R';
  acknowledgment.codes.push(code);
}

/** Counts are numeric (N0): '0002' counts as 2, '2x' does not. */
function countMatches(value: string | null, expected: number): boolean {
  return value !== null && /^[0-9]+$/.test(value) && Number(value) === expected;
}
