import { PROFESSIONAL_CLAIMS_SCHEMA } from '../../schemas/professional-claims.schema';
import type { ClaimDraft } from '../claim-draft';
import type { X12ClaimRow } from '../x12-claim-batch';
import { coveringSpan } from '../x12-dates';
import { canonicalRow, numberedColumnCount } from './canonical-row';
import { diagnosisValues, sharedClaimValues } from './claim-values';

const DIAGNOSIS_COLUMNS = numberedColumnCount(PROFESSIONAL_CLAIMS_SCHEMA, 'diagnosis_code_');

/**
 * 837P claim → one professional_claims row per line. The 837P has no claim-level service dates,
 * so the claim span covers its lines. A 2310B rendering provider is only sent when it differs
 * from the billing provider (IG note), so without one the billing provider rendered the service.
 */
export function professionalRows(claim: ClaimDraft): X12ClaimRow[] {
  const claimSpan = coveringSpan(claim.lines.map((line) => line.dates));
  const diagnoses = diagnosisValues(claim, DIAGNOSIS_COLUMNS, false);
  return claim.lines.map((line) =>
    canonicalRow(PROFESSIONAL_CLAIMS_SCHEMA, {
      ...sharedClaimValues(claim, line),
      claim_type: 'professional',
      rendering_npi: line.providers.rendering ?? claim.providers.rendering ?? claim.billingNpi,
      facility_npi: line.providers.facility ?? claim.providers.facility,
      ...diagnoses,
      claim_start_date: claimSpan.start,
      claim_end_date: claimSpan.end,
      place_of_service_code: line.placeOfService ?? claim.information.facilityCode,
    }),
  );
}
