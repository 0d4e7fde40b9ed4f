import { INSTITUTIONAL_CLAIMS_SCHEMA } from '../../schemas/institutional-claims.schema';
import type { ClaimDraft } from '../claim-draft';
import type { X12ClaimRow } from '../x12-claim-batch';
import { coveringSpan } from '../x12-dates';
import { canonicalRow, numberedColumnCount } from './canonical-row';
import { diagnosisValues, procedureValues, sharedClaimValues } from './claim-values';

const DIAGNOSIS_COLUMNS = numberedColumnCount(INSTITUTIONAL_CLAIMS_SCHEMA, 'diagnosis_code_');
const PROCEDURE_COLUMNS = numberedColumnCount(INSTITUTIONAL_CLAIMS_SCHEMA, 'procedure_code_');

/**
 * 837I claim → one institutional_claims row per revenue line. The claim span is the statement
 * period (DTP*434), falling back to the lines' dates. rendering_npi holds the attending physician
 * (UB-04 FL76, as the schema says), or the 2310D rendering provider when no attending is sent.
 */
export function institutionalRows(claim: ClaimDraft): X12ClaimRow[] {
  const { information, codes, providers } = claim;
  const statement = information.statementDates;
  const claimSpan = statement.start !== null ? statement : coveringSpan(claim.lines.map((line) => line.dates));
  const claimValues = {
    claim_type: 'institutional',
    bill_type_code: billType(information.facilityCode, information.frequencyCode),
    facility_npi: providers.facility,
    rendering_npi: providers.attending ?? providers.rendering,
    admission_date: information.admissionDate,
    admit_type_code: information.admissionType,
    admit_source_code: information.admissionSource,
    discharge_disposition_code: information.patientStatus,
    ms_drg_code: codes.drg,
    ...diagnosisValues(claim, DIAGNOSIS_COLUMNS, true),
    ...procedureValues(claim, PROCEDURE_COLUMNS),
    claim_start_date: claimSpan.start,
    claim_end_date: claimSpan.end,
  };
  return claim.lines.map((line) =>
    canonicalRow(INSTITUTIONAL_CLAIMS_SCHEMA, {
      ...sharedClaimValues(claim, line),
      ...claimValues,
      revenue_center_code: line.revenueCode,
    }),
  );
}

/** UB-04 FL4 type of bill: facility type (CLM05-1, two digits) and frequency (CLM05-3). */
function billType(facilityCode: string | null, frequencyCode: string | null): string | null {
  return facilityCode === null || frequencyCode === null ? facilityCode : `${facilityCode}${frequencyCode}`;
}
