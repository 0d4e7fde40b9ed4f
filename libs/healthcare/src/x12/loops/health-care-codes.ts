import type { CodedEntry, HealthCareCodes } from '../claim-draft';
import { dateSpan } from '../x12-dates';
import { X12Error } from '../x12-error';
import { component, composite, type X12Seg } from '../x12-segment';

/** HI repeats its C022 composite up to twelve times (HI01..HI12). */
const HI_COMPOSITES = 12;

/**
 * C022 code list qualifiers we map. ICD-10 only: ICD-9 (BK/BF/BR/BQ) left claims in 2015. Admitting
 * (ABJ), reason-for-visit (APR), external-cause (ABN), condition, occurrence and value codes have
 * no canonical column.
 */
const QUALIFIER = {
  principalDiagnosis: 'ABK',
  otherDiagnosis: 'ABF',
  principalProcedure: 'BBR',
  otherProcedure: 'BBQ',
  drg: 'DR',
} as const;

export function noHealthCareCodes(): HealthCareCodes {
  return { principalDiagnosis: null, otherDiagnoses: [], principalProcedure: null, otherProcedures: [], drg: null };
}

/** Adds one HI segment's composites: C022-1 qualifier, -2 code, -3/-4 date, -9 present on admission. */
export function withHealthCareCodes(codes: HealthCareCodes, hi: X12Seg): HealthCareCodes {
  let next = codes;
  for (let index = 1; index <= HI_COMPOSITES; index += 1) {
    const parts = composite(hi, index);
    const code = component(parts, 2);
    if (code === null) continue;
    const entry: CodedEntry = { code, poa: component(parts, 9), date: dateSpan(component(parts, 3), component(parts, 4)).start, position: hi.position };
    next = withEntry(next, component(parts, 1), entry, hi);
  }
  return next;
}

function withEntry(codes: HealthCareCodes, qualifier: string | null, entry: CodedEntry, hi: X12Seg): HealthCareCodes {
  switch (qualifier) {
    case QUALIFIER.principalDiagnosis:
      if (codes.principalDiagnosis !== null) throw duplicate(hi, 'principal diagnosis (ABK)');
      return { ...codes, principalDiagnosis: entry };
    case QUALIFIER.otherDiagnosis:
      return { ...codes, otherDiagnoses: [...codes.otherDiagnoses, entry] };
    case QUALIFIER.principalProcedure:
      if (codes.principalProcedure !== null) throw duplicate(hi, 'principal procedure (BBR)');
      return { ...codes, principalProcedure: entry };
    case QUALIFIER.otherProcedure:
      return { ...codes, otherProcedures: [...codes.otherProcedures, entry] };
    case QUALIFIER.drg:
      return { ...codes, drg: entry.code };
    default:
      return codes;
  }
}

function duplicate(hi: X12Seg, what: string): X12Error {
  return new X12Error('claim_structure_invalid', 'HI', hi.position, `the claim carries more than one ${what}`);
}
