import type { InterchangeAcknowledgment } from './envelope-reader';

export type X12ErrorCode =
  /** ISA/IEA, GS/GE or ST/SE envelope is missing, garbled or its counts and control numbers disagree. */
  | 'envelope_invalid'
  /** Not an 837, or an implementation guide version this parser does not map. */
  | 'transaction_unsupported'
  /** The 837 loops do not nest as the implementation guide requires (e.g. a claim with no lines). */
  | 'claim_structure_invalid'
  /** An 835 claim payment whose charge less its payment is not the sum of its adjustments: noted, the payment still lands. */
  | 'payment_unbalanced';

/**
 * An interchange this module cannot turn into claim rows. Messages name the segment, its place and
 * the problem, and only ever quote control numbers, counts and segment ids: an 837 is full of PHI,
 * and an error message travels further (logs, events, API responses) than the data does.
 */
export class X12Error extends Error {
  override readonly name = 'X12Error';
  /** When the whole file was read and no set could be: what its 999 says of each (see render999). */
  acknowledgments?: InterchangeAcknowledgment[];

  constructor(
    readonly code: X12ErrorCode,
    /** Tag of the offending (or expected) segment: 'ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'CLM', 'LX' ... */
    readonly segment: string,
    /** 1-based index of the segment in the interchange, ISA = 1; where a missing segment was expected. */
    readonly position: number,
    /** What is wrong, without the segment and position the message leads with. */
    readonly problem: string,
  ) {
    super(`${segment} segment at position ${position}: ${problem}`);
  }
}
