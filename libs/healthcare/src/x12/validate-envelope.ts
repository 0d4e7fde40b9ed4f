import type { Envelope, EnvelopeGroup, EnvelopeTransaction } from './read-interchange';
import { X12_SUPPORTED_VERSIONS, transactionKindOf, type X12TransactionKind } from './transaction-kind';
import { X12Error, firstProblem } from './x12-error';
import { element, type X12Seg } from './x12-segment';

/**
 * Checks the three envelopes (counts, control numbers, trailers, versions) and returns the one
 * transaction kind the interchange carries; throws the first problem in document order.
 */
export function validateEnvelope(envelope: Envelope): X12TransactionKind {
  const problems: X12Error[] = [];
  const kinds = new Set<X12TransactionKind>();
  if (envelope.groups.length === 0) {
    problems.push(envelopeError('GS', envelope.header.position + 1, 'the interchange has no functional group (GS)'));
  }
  for (const group of envelope.groups) {
    const kind = checkGroup(group, problems);
    if (kind !== undefined) {
      if (kinds.size > 0 && !kinds.has(kind)) {
        problems.push(unsupported(group.header, 'GS08 mixes 837P and 837I functional groups in one interchange'));
      }
      kinds.add(kind);
    }
  }
  checkInterchangeTrailer(envelope, problems);
  problems.push(...envelope.parserProblems);
  const problem = firstProblem(problems);
  if (problem !== undefined) throw problem;
  const [kind] = kinds;
  if (kind === undefined) throw envelopeError('GS', envelope.header.position + 1, 'the interchange has no 837 functional group');
  return kind;
}

function checkInterchangeTrailer(envelope: Envelope, problems: X12Error[]): void {
  const { trailer, isa } = envelope;
  if (trailer === null) {
    problems.push(envelopeError('IEA', lastPositionOf(envelope) + 1, 'the interchange has no IEA trailer'));
    return;
  }
  if (!countMatches(element(trailer, 1), envelope.groups.length)) {
    problems.push(envelopeError('IEA', trailer.position, `IEA01 does not match the ${envelope.groups.length} functional groups in the interchange`));
  }
  // node-x12 passes ISA13 and IEA02 through parseInt, so both compare as numbers.
  if (element(trailer, 2) !== String(Number(isa.controlNumber))) {
    problems.push(envelopeError('IEA', trailer.position, `IEA02 does not match ISA13 interchange control number ${isa.controlNumber}`));
  }
}

function checkGroup(group: EnvelopeGroup, problems: X12Error[]): X12TransactionKind | undefined {
  const { header, trailer, transactions } = group;
  const controlNumber = element(header, 6) ?? '';
  let kind: X12TransactionKind | undefined;
  if (element(header, 1) !== 'HC') {
    problems.push(unsupported(header, 'GS01 is not HC (health care claim)'));
  } else {
    kind = transactionKindOf(element(header, 8));
    if (kind === undefined) problems.push(unsupported(header, `GS08 is not a supported 837 version (${X12_SUPPORTED_VERSIONS.join(', ')})`));
  }
  if (transactions.length === 0) problems.push(envelopeError('GS', header.position, `functional group ${controlNumber} has no transaction set (ST)`));
  for (const transaction of transactions) checkTransaction(transaction, kind, problems);
  if (trailer === null) {
    problems.push(envelopeError('GE', lastPositionOfGroup(group) + 1, `functional group ${controlNumber} has no GE trailer`));
    return kind;
  }
  if (!countMatches(element(trailer, 1), transactions.length)) {
    problems.push(envelopeError('GE', trailer.position, `GE01 does not match the ${transactions.length} transaction sets in functional group ${controlNumber}`));
  }
  if (element(trailer, 2) !== element(header, 6)) {
    problems.push(envelopeError('GE', trailer.position, `GE02 does not match GS06 group control number ${controlNumber}`));
  }
  return kind;
}

function checkTransaction(transaction: EnvelopeTransaction, groupKind: X12TransactionKind | undefined, problems: X12Error[]): void {
  const { header, trailer, segments } = transaction;
  const controlNumber = element(header, 2) ?? '';
  if (element(header, 1) !== '837') {
    problems.push(unsupported(header, `ST01 of transaction set ${controlNumber} is not 837`));
  }
  const version = element(header, 3);
  if (version !== null && groupKind !== undefined && transactionKindOf(version) !== groupKind) {
    problems.push(unsupported(header, `ST03 of transaction set ${controlNumber} is not the version GS08 declares`));
  }
  if (trailer === null) {
    problems.push(envelopeError('SE', lastPositionOfTransaction(transaction) + 1, `transaction set ${controlNumber} has no SE trailer`));
    return;
  }
  const segmentCount = segments.length + 2;
  if (!countMatches(element(trailer, 1), segmentCount)) {
    problems.push(envelopeError('SE', trailer.position, `SE01 does not match the ${segmentCount} segments of transaction set ${controlNumber}`));
  }
  if (element(trailer, 2) !== element(header, 2)) {
    problems.push(envelopeError('SE', trailer.position, `SE02 does not match ST02 transaction set control number ${controlNumber}`));
  }
}

/** Counts are numeric (N0): '0002' counts as 2, '2x' does not. */
function countMatches(value: string | null, expected: number): boolean {
  return value !== null && /^[0-9]+$/.test(value) && Number(value) === expected;
}

function lastPositionOfTransaction(transaction: EnvelopeTransaction): number {
  return (transaction.trailer ?? transaction.segments[transaction.segments.length - 1] ?? transaction.header).position;
}

function lastPositionOfGroup(group: EnvelopeGroup): number {
  if (group.trailer !== null) return group.trailer.position;
  const lastTransaction = group.transactions[group.transactions.length - 1];
  return lastTransaction === undefined ? group.header.position : lastPositionOfTransaction(lastTransaction);
}

function lastPositionOf(envelope: Envelope): number {
  const lastGroup = envelope.groups[envelope.groups.length - 1];
  return lastGroup === undefined ? envelope.header.position : lastPositionOfGroup(lastGroup);
}

function envelopeError(segment: string, position: number, problem: string): X12Error {
  return new X12Error('envelope_invalid', segment, position, problem);
}

function unsupported(segment: X12Seg, problem: string): X12Error {
  return new X12Error('transaction_unsupported', segment.tag, segment.position, problem);
}
