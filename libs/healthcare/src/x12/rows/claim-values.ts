import { toDottedIcd10Cm, isIcd10CmDotlessFormat } from '../../formats/icd10cm-format';
import type { ClaimDraft, CodedEntry, ServiceLine } from '../claim-draft';
import { X12Error } from '../x12-error';
import type { ColumnValues } from './canonical-row';

/** Columns both claim types fill the same way from the claim's hierarchy and its line. */
export function sharedClaimValues(claim: ClaimDraft, line: ServiceLine): ColumnValues {
  const patient = claim.patient ?? claim.subscriber;
  const modifiers = line.procedure.modifiers;
  return {
    claim_id: claim.information.claimId,
    claim_line_number: line.lineNumber,
    member_id: claim.subscriber.memberId,
    patient_first_name: patient.firstName,
    patient_last_name: patient.lastName,
    patient_birth_date: patient.birthDate,
    patient_gender: patient.gender,
    payer: claim.payer,
    billing_npi: claim.billingNpi,
    hcpcs_code: line.procedure.code,
    hcpcs_modifier_1: modifiers[0] ?? null,
    hcpcs_modifier_2: modifiers[1] ?? null,
    hcpcs_modifier_3: modifiers[2] ?? null,
    hcpcs_modifier_4: modifiers[3] ?? null,
    claim_line_start_date: line.dates.start,
    claim_line_end_date: line.dates.end,
    service_unit_quantity: line.units,
    charge_amount: line.charge,
  };
}

/** ABK then the ABFs in the order sent, as diagnosis_code_1..N (and diagnosis_poa_N when asked). */
export function diagnosisValues(claim: ClaimDraft, columns: number, withPoa: boolean): ColumnValues {
  const { principalDiagnosis, otherDiagnoses } = claim.codes;
  const diagnoses = principalDiagnosis === null ? otherDiagnoses : [principalDiagnosis, ...otherDiagnoses];
  const values: ColumnValues = { diagnosis_code_type: diagnoses.length > 0 ? 'icd-10-cm' : null };
  numbered(diagnoses, columns, 'diagnosis codes').forEach((entry, index) => {
    values[`diagnosis_code_${index + 1}`] = dotted(entry.code);
    if (withPoa) values[`diagnosis_poa_${index + 1}`] = entry.poa;
  });
  return values;
}

/** BBR then the BBQs as procedure_code_N / procedure_date_N (837I). */
export function procedureValues(claim: ClaimDraft, columns: number): ColumnValues {
  const { principalProcedure, otherProcedures } = claim.codes;
  const procedures = principalProcedure === null ? otherProcedures : [principalProcedure, ...otherProcedures];
  const values: ColumnValues = { procedure_code_type: procedures.length > 0 ? 'icd-10-pcs' : null };
  numbered(procedures, columns, 'ICD-10-PCS procedure codes').forEach((entry, index) => {
    values[`procedure_code_${index + 1}`] = entry.code;
    values[`procedure_date_${index + 1}`] = entry.date;
  });
  return values;
}

/** X12 sends ICD-10-CM without the dot; claims in this platform carry it (see icd10cm-format). */
function dotted(code: string): string {
  return isIcd10CmDotlessFormat(code) ? toDottedIcd10Cm(code) : code;
}

/** Refuses to drop codes the schema has no column for; the guides' maxima match the schemas'. */
function numbered(entries: readonly CodedEntry[], columns: number, what: string): readonly CodedEntry[] {
  const overflow = entries[columns];
  if (overflow !== undefined) {
    throw new X12Error('claim_structure_invalid', 'HI', overflow.position, `the claim carries more ${what} than the ${columns} columns of the schema`);
  }
  return entries;
}
