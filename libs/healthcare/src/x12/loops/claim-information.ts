import type { ClaimInformation } from '../claim-draft';
import { dateSpan } from '../x12-dates';
import { X12Error } from '../x12-error';
import { composite, component, element, type X12Seg } from '../x12-segment';

/** CLM opens loop 2300: CLM01 claim id, CLM02 total charge, CLM05 facility code / frequency. */
export function claimInformation(clm: X12Seg): ClaimInformation {
  const claimId = element(clm, 1);
  if (claimId === null) {
    throw new X12Error('claim_structure_invalid', 'CLM', clm.position, 'CLM01 claim submitter identifier is missing');
  }
  const facility = composite(clm, 5);
  return {
    claimId,
    totalCharge: element(clm, 2),
    facilityCode: component(facility, 1),
    frequencyCode: component(facility, 3),
    statementDates: { start: null, end: null },
    admissionDate: null,
    admissionType: null,
    admissionSource: null,
    patientStatus: null,
  };
}

/** 2300 DTP: 434 statement dates (837I), 435 admission date/hour (837I). Others carry no column. */
export function withClaimDate(information: ClaimInformation, dtp: X12Seg): ClaimInformation {
  const span = dateSpan(element(dtp, 2), element(dtp, 3));
  switch (element(dtp, 1)) {
    case '434':
      return { ...information, statementDates: span };
    case '435':
      return { ...information, admissionDate: span.start };
    default:
      return information;
  }
}

/** CL1 (837I): admission type, admission source (point of origin), patient status (discharge). */
export function withInstitutionalCode(information: ClaimInformation, cl1: X12Seg): ClaimInformation {
  return { ...information, admissionType: element(cl1, 1), admissionSource: element(cl1, 2), patientStatus: element(cl1, 3) };
}
