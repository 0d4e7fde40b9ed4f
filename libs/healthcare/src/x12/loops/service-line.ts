import { noProviders, type ProcedureCode, type ServiceLine } from '../claim-draft';
import { dateSpan } from '../x12-dates';
import { X12Error } from '../x12-error';
import { component, composite, element, type X12Seg } from '../x12-segment';

/** C003 procedure identifier: -1 qualifier (HC ...), -2 code, -3..-6 modifiers 1-4. */
const MODIFIER_COMPONENTS = [3, 4, 5, 6] as const;

/** LX opens loop 2400; LX01 is the line number. */
export function openServiceLine(lx: X12Seg): ServiceLine {
  const lineNumber = element(lx, 1);
  if (lineNumber === null) {
    throw new X12Error('claim_structure_invalid', 'LX', lx.position, 'LX01 assigned number is missing');
  }
  return {
    position: lx.position,
    lineNumber,
    hasService: false,
    revenueCode: null,
    procedure: { code: null, modifiers: [] },
    charge: null,
    units: null,
    placeOfService: null,
    dates: { start: null, end: null },
    providers: noProviders(),
  };
}

/** SV1 (837P): -01 procedure, -02 line charge, -04 units, -05 place of service when it differs from CLM05-1. */
export function withProfessionalService(line: ServiceLine, sv1: X12Seg): ServiceLine {
  return {
    ...line,
    hasService: true,
    procedure: procedureCode(sv1, 1),
    charge: element(sv1, 2),
    units: element(sv1, 4),
    placeOfService: element(sv1, 5),
  };
}

/** SV2 (837I): -01 revenue code, -02 procedure (optional), -03 line charge, -05 units. */
export function withInstitutionalService(line: ServiceLine, sv2: X12Seg): ServiceLine {
  return {
    ...line,
    hasService: true,
    revenueCode: element(sv2, 1),
    procedure: procedureCode(sv2, 2),
    charge: element(sv2, 3),
    units: element(sv2, 5),
  };
}

/** 2400 DTP*472: the line's service date, D8 or an RD8 range. */
export function withServiceDate(line: ServiceLine, dtp: X12Seg): ServiceLine {
  return element(dtp, 1) === '472' ? { ...line, dates: dateSpan(element(dtp, 2), element(dtp, 3)) } : line;
}

/**
 * The code whatever its C003-1 qualifier (HC for CPT/HCPCS, HP for HIPPS, ER/IV/WK rarely): the
 * canonical hcpcs_code rules judge its shape, so an unusual code is reported on its row, not lost.
 */
function procedureCode(segment: X12Seg, index: number): ProcedureCode {
  const parts = composite(segment, index);
  return {
    code: component(parts, 2),
    modifiers: MODIFIER_COMPONENTS.map((n) => component(parts, n)),
  };
}
