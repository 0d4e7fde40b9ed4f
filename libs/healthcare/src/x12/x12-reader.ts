import { collectClaims } from './claim-collector';
import { enrollmentRows } from './enrollment-collector';
import { EnvelopeReader, findingOf, noteError, type SegmentError, type TransactionSet } from './envelope-reader';
import { checkAgainstGuide, type GuideProblem } from './guides/guide-check';
import { implementationGuide } from './guides/implementation-guide';
import { institutionalRows } from './rows/institutional-rows';
import { professionalRows } from './rows/professional-rows';
import { remittanceRows } from './remittance-collector';
import { SegmentReader } from './segment-reader';
import { DATA_TYPE_OF_KIND, type X12TransactionKind } from './transaction-kind';
import type { X12ClaimBatch, X12ClaimRow } from './x12-claim-batch';
import { X12Error } from './x12-error';
import { element, type X12Seg } from './x12-segment';

export type X12BatchSummary = Omit<X12ClaimBatch, 'rows'>;

/**
 * Reads X12 text (837P, 837I, 834, 835) as it arrives (`push` each chunk, then `end`) and hands on the
 * rows of each accepted transaction set as soon as its SE is read, so memory holds one set at a
 * time. Sets are accepted or rejected one by one: a set whose envelope, loops or guide check is
 * broken is rejected with an `error` finding and the rest of the file still lands. A file carries
 * one kind: sets of another kind than the first accepted one are rejected. `end` throws the first
 * error when no set at all could be read, since then nothing would land.
 */
export class X12Reader {
  private readonly segments = new SegmentReader();
  private readonly envelopes = new EnvelopeReader((set) => this.transactionSet(set));
  private readonly controlNumbers: string[] = [];
  private kind: X12TransactionKind | undefined;
  private claims = 0;
  private lines = 0;
  private accepted = 0;

  constructor(private readonly onRows: (rows: X12ClaimRow[]) => void) {}

  push(chunk: string): void {
    for (const segment of this.segments.push(chunk)) this.accept(segment);
  }

  end(): X12BatchSummary {
    for (const segment of this.segments.end()) this.accept(segment);
    this.envelopes.finish();
    const { findings } = this.envelopes;
    const rejected = this.envelopes.rejectedSets;
    if (this.kind === undefined) {
      const first = findings.find((finding) => finding.severity === 'error') ?? findings[0];
      const error = first
        ? new X12Error(first.code, first.segment, first.position, first.problem)
        : new X12Error('envelope_invalid', 'ST', 1, 'the file holds no transaction set');
      // A file rejected whole still deserves its 999, which says so set by set.
      throw Object.assign(error, { acknowledgments: this.envelopes.acknowledgments });
    }
    return {
      transaction: this.kind,
      dataType: DATA_TYPE_OF_KIND[this.kind],
      interchangeControlNumbers: this.controlNumbers,
      claims: this.claims,
      lines: this.lines,
      transactionSets: { accepted: this.accepted, rejected },
      findings,
      acknowledgments: this.envelopes.acknowledgments,
    };
  }

  private accept(segment: X12Seg): void {
    if (segment.tag === 'ISA') this.controlNumbers.push(element(segment, 13) ?? '');
    this.envelopes.accept(segment);
  }

  private transactionSet(set: TransactionSet): void {
    const controlNumber = element(set.header, 2) ?? '';
    if (this.kind !== undefined && set.kind !== this.kind) {
      // IK502 1: this reader does not take that transaction set here.
      this.reject(set, '1', new X12Error('transaction_unsupported', 'ST', set.header.position, `transaction set ${controlNumber} is an ${set.kind} in a file of ${this.kind} sets; send each kind in a file of its own`));
      return;
    }
    // The 834 has no guide here yet: its sets are read by what they carry.
    if (set.kind !== '834') {
      const problems = checkAgainstGuide(implementationGuide(set.kind), set.header, set.segments);
      if (problems.length > 0 && this.guideProblems(set, problems)) return;
    }
    let rows: X12ClaimRow[];
    let claims: number;
    let notes: X12Error[] | undefined;
    try {
      ({ units: claims, rows, notes } = rowsOf(set));
    } catch (error) {
      if (!(error instanceof X12Error)) throw error;
      // IK502 I5: one or more segments in error, by the implementation guide.
      this.reject(set, 'I5', new X12Error(error.code, error.segment, error.position, `${error.problem}; transaction set ${controlNumber} rejected`));
      return;
    }
    // Business findings (an 835 claim that does not balance) are not syntax: the 999 does not carry them.
    for (const note of notes ?? []) this.envelopes.findings.push(findingOf(note, 'warning'));
    this.kind = set.kind;
    this.accepted += 1;
    this.claims += claims;
    this.lines += rows.length;
    this.onRows(rows);
  }

  private reject(set: TransactionSet, code: string, error: X12Error): void {
    this.envelopes.reject(set.acknowledgment, code, error);
  }

  /**
   * Records what the set does against its guide, as findings and as IK3/IK4 in its
   * acknowledgment, and rejects it when any is an error (IK502 I5). True when it was rejected.
   */
  private guideProblems(set: TransactionSet, problems: readonly GuideProblem[]): boolean {
    const controlNumber = element(set.header, 2) ?? '';
    const rejected = problems.some((problem) => problem.severity === 'error');
    const bySegment = new Map<string, SegmentError>();
    for (const problem of problems) {
      const outcome = problem.severity === 'error' ? `transaction set ${controlNumber} rejected` : `noted in transaction set ${controlNumber}`;
      const error = new X12Error('claim_structure_invalid', problem.tag, problem.at.position, `${problem.problem} (loop ${problem.loop}); ${outcome}`);
      this.envelopes.findings.push({ ...findingOf(error, problem.severity), loop: problem.loop, ...(problem.element && { element: problem.element.reference }) });
      const key = `${problem.tag}@${problem.at.position}`;
      const entry = bySegment.get(key) ?? { id: problem.tag, position: problem.at.position - set.header.position + 1, loop: problem.loop, code: problem.segmentCode, elements: [] };
      if (problem.element) entry.elements.push({ position: problem.element.position, ...(problem.element.component && { component: problem.element.component }), code: problem.element.code });
      bySegment.set(key, entry);
    }
    set.acknowledgment.segmentErrors.push(...bySegment.values());
    if (rejected) {
      this.envelopes.rejectedSets += 1;
      set.acknowledgment.status = 'R';
      set.acknowledgment.codes.push('I5');
    } else noteError(set.acknowledgment, 'I5');
    return rejected;
  }
}

/** The canonical rows of one set, and how many claims (837), members (834) or claim payments (835) they came from. */
function rowsOf(set: TransactionSet): { units: number; rows: X12ClaimRow[]; notes?: X12Error[] } {
  if (set.kind === '834') {
    const { members, rows } = enrollmentRows(set.segments);
    return { units: members, rows };
  }
  if (set.kind === '835') {
    const { claims, rows, unbalanced } = remittanceRows(set.segments);
    return { units: claims, rows, notes: unbalanced };
  }
  const drafts = collectClaims(set.segments, set.kind);
  return { units: drafts.length, rows: drafts.flatMap(set.kind === '837P' ? professionalRows : institutionalRows) };
}
