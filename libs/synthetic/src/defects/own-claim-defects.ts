import type { ClaimShape } from '../claims/claim-shape';
import type { ProfessionalClaimColumn } from '../claims/professional-claim-columns';
import type { DefectKind } from './defect-kinds';

/**
 * Defects that live in claim-level values (dates, member): the row is a one-line claim built that
 * way, so no other line shares the defect. Each names the shape the claim is built with and the
 * column the manifest (and a validator) reports.
 */
export const OWN_CLAIM_DEFECTS = {
  future_service_date: { shape: 'future', column: 'claim_line_start_date' },
  service_outside_eligibility: { shape: 'former_member', column: 'claim_line_start_date' },
  // dates.service_order is reported against its first column, the line start.
  service_dates_reversed: { shape: 'reversed_line_dates', column: 'claim_line_start_date' },
  // business.timely_filing is reported against its first column, the received date.
  late_filing: { shape: 'late_received', column: 'claim_received_date' },
} as const satisfies Partial<Record<DefectKind, { shape: ClaimShape; column: ProfessionalClaimColumn }>>;

export type OwnClaimDefectKind = keyof typeof OWN_CLAIM_DEFECTS;

export function isOwnClaimDefect(kind: DefectKind): kind is OwnClaimDefectKind {
  return kind in OWN_CLAIM_DEFECTS;
}
