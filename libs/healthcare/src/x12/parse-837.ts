import { collectClaims } from './claim-collector';
import { readInterchange } from './read-interchange';
import { institutionalRows } from './rows/institutional-rows';
import { professionalRows } from './rows/professional-rows';
import { DATA_TYPE_OF_KIND } from './transaction-kind';
import { validateEnvelope } from './validate-envelope';
import type { X12ClaimBatch } from './x12-claim-batch';

/**
 * One X12 837 interchange (005010X222A1 professional or 005010X223A2/A3 institutional) → canonical
 * silver rows, one per service line with the claim's values repeated, as our CSV extracts are laid
 * out. Every transaction set of every functional group accumulates into one batch; a file may not
 * mix 837P and 837I. Throws X12Error (segment, position) when the envelope or the loops are broken.
 */
export function parse837(text: string): X12ClaimBatch {
  const envelope = readInterchange(text);
  const transaction = validateEnvelope(envelope);
  const toRows = transaction === '837P' ? professionalRows : institutionalRows;
  const claims = envelope.groups.flatMap((group) => group.transactions).flatMap((set) => collectClaims(set.segments, transaction));
  const rows = claims.flatMap(toRows);
  return {
    transaction,
    dataType: DATA_TYPE_OF_KIND[transaction],
    interchangeControlNumber: envelope.isa.controlNumber,
    claims: claims.length,
    lines: rows.length,
    rows,
  };
}
