import { X12Reader } from './x12-reader';
import type { X12ClaimBatch, X12ClaimRow } from './x12-claim-batch';

/**
 * X12 text (5010 837P, 837I, 834 or 835; any number of interchanges, groups and sets) →
 * canonical silver rows: one per service line with the claim's values repeated, as our CSV
 * extracts are laid out, one per member and coverage for an 834, one per service line paid for an
 * 835; with the findings of every set (see
 * X12Reader). Throws X12Error (segment, position) when no transaction set could be read.
 */
export function parseX12(text: string): X12ClaimBatch {
  const rows: X12ClaimRow[] = [];
  const reader = new X12Reader((setRows) => rows.push(...setRows));
  reader.push(text);
  return { ...reader.end(), rows };
}
