import { REMITTANCE_SCHEMA } from '../schemas/remittance.schema';
import { canonicalRow, type ColumnValues } from './rows/canonical-row';
import type { X12ClaimRow } from './x12-claim-batch';
import { isoDate } from './x12-dates';
import { X12Error } from './x12-error';
import { component, composite, element, type X12Seg } from './x12-segment';

interface ClaimPayment {
  /** The CLP, for the balance finding. */
  at: X12Seg;
  values: ColumnValues;
  adjustments: string[];
  remarks: string[];
  lines: ServicePayment[];
}

interface ServicePayment {
  values: ColumnValues;
  adjustments: string[];
  remarks: string[];
}

/** CAS: -01 group code, then up to six reason / amount / quantity triplets from -02. */
const CAS_REASONS = [2, 5, 8, 11, 14, 17] as const;
/** MOA-03..-07 and MIA-05, -20..-23: the claim's remark codes (outpatient, inpatient). */
const MOA_REMARKS = [3, 4, 5, 6, 7] as const;
const MIA_REMARKS = [5, 20, 21, 22, 23] as const;
/** SVC01 / SVC06 C003-1 qualifiers of the code in -2. */
const REVENUE_QUALIFIER = 'NU';
const NDC_QUALIFIER = 'N4';

/**
 * The payments of one 835 transaction set (ST..SE, exclusive) as canonical remittance rows: the
 * payment (BPR, TRN), payer (1000A N1*PR) and payee (1000B N1*PE) on every row; each claim payment
 * (2100 CLP) with its claim-level adjustments (CAS), patient (NM1*QC, else the insured NM1*IL),
 * rendering provider (NM1*82), remark codes (MIA, MOA) and dates (DTM*050, *232, *233); and one
 * row per service paid (2110 SVC) with its code, amounts, dates, line id (REF*6R), allowed amount
 * (AMT*B6), adjustments and remark codes (LQ*HE). A claim paid without service lines is one row,
 * line 0. Provider-level adjustments (PLB) are not claim payments and are not read.
 *
 * `unbalanced` lists the claim payments that break the guide's claim balancing rule (CLP03 less
 * CLP04 is the sum of every CAS amount of the claim and its lines): the rows still land, and each
 * line's own balance is judged by the `remittance.line_balance` rule.
 */
export function remittanceRows(segments: readonly X12Seg[]): { claims: number; rows: X12ClaimRow[]; unbalanced: X12Error[] } {
  const payment: ColumnValues = {};
  const claims: ClaimPayment[] = [];
  let claim: ClaimPayment | null = null;
  let line: ServicePayment | null = null;
  let party: 'PR' | 'PE' | null = null;
  for (const segment of segments) {
    const value = (n: number) => element(segment, n);
    switch (segment.tag) {
      case 'BPR':
        Object.assign(payment, { payment_amount: value(2), payment_method_code: value(4), payment_date: isoDate(value(16)) });
        break;
      case 'TRN':
        payment['payment_trace_number'] = value(2);
        break;
      case 'N1':
        party = value(1) === 'PR' || value(1) === 'PE' ? (value(1) as 'PR' | 'PE') : null;
        if (party === 'PR') Object.assign(payment, { payer: value(2), payer_identifier: value(4) });
        if (party === 'PE') Object.assign(payment, { payee_name: value(2), payee_npi: value(3) === 'XX' ? value(4) : null });
        break;
      case 'LX':
        party = null;
        break;
      case 'CLP':
        claim = {
          at: segment,
          values: {
            claim_id: value(1),
            claim_status_code: value(2),
            claim_charge_amount: value(3),
            claim_paid_amount: value(4),
            patient_responsibility_amount: value(5),
            claim_filing_indicator_code: value(6),
            payer_claim_control_number: value(7),
            facility_type_code: value(8),
            claim_frequency_code: value(9),
            drg_code: value(11),
          },
          adjustments: [],
          remarks: [],
          lines: [],
        };
        claims.push(claim);
        line = null;
        party = null;
        break;
      case 'CAS':
        (line ?? inClaim(claim, segment)).adjustments.push(...adjustmentsOf(segment));
        break;
      case 'NM1':
        if (claim && !line) patientOrProvider(claim.values, segment);
        break;
      case 'MIA':
      case 'MOA':
        inClaim(claim, segment).remarks.push(...codesAt(segment, segment.tag === 'MIA' ? MIA_REMARKS : MOA_REMARKS));
        break;
      case 'DTM':
        if (line) lineDate(line.values, segment);
        else if (claim) claimDate(claim.values, segment);
        break;
      case 'SVC':
        line = { values: serviceValues(segment, inClaim(claim, segment).lines.length + 1), adjustments: [], remarks: [] };
        claim!.lines.push(line);
        break;
      case 'REF':
        if (line && value(1) === '6R') line.values['line_item_control_number'] = value(2);
        else if (!claim && party === 'PR' && value(1) === '2U') payment['payer_identifier'] ??= value(2);
        break;
      case 'AMT':
        if (line && value(1) === 'B6') line.values['allowed_amount'] = value(2);
        break;
      case 'LQ':
        if (line && value(1) === 'HE' && value(2) !== null) line.remarks.push(value(2)!);
        break;
    }
  }
  const rows = claims.flatMap((c) => {
    const claimValues = { ...payment, ...c.values, claim_adjustments: listOf(c.adjustments), claim_remark_codes: listOf(c.remarks) };
    if (c.lines.length === 0) return [canonicalRow(REMITTANCE_SCHEMA, { ...claimValues, claim_line_number: '0' })];
    return c.lines.map((l) => canonicalRow(REMITTANCE_SCHEMA, { ...claimValues, ...l.values, adjustments: listOf(l.adjustments), remark_codes: listOf(l.remarks) }));
  });
  return { claims: claims.length, rows, unbalanced: claims.filter((c) => !balances(c)).map(unbalancedError) };
}

const CENTS = /^-?[0-9]{1,12}(\.[0-9]{1,2})?$/;

/** Charge less paid equals every adjustment of the claim, in cents; amounts it cannot read in cents are left to the rules. */
function balances(claim: ClaimPayment): boolean {
  const amounts = [claim.values['claim_charge_amount'], claim.values['claim_paid_amount'], ...[claim.adjustments, ...claim.lines.map((l) => l.adjustments)].flat().map((entry) => entry.slice(entry.indexOf(':') + 1))];
  if (!amounts.every((amount) => amount != null && CENTS.test(amount))) return true;
  const [charge, paid, ...adjusted] = amounts.map((amount) => cents(amount!));
  return charge! - paid! === adjusted.reduce((sum, value) => sum + value, 0);
}

function cents(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -value : value;
}

function unbalancedError(claim: ClaimPayment): X12Error {
  return new X12Error('payment_unbalanced', 'CLP', claim.at.position, 'CLP03 less CLP04 is not the sum of the claim payment\'s adjustments (CAS) and its lines\'');
}

function inClaim(claim: ClaimPayment | null, segment: X12Seg): ClaimPayment {
  if (claim) return claim;
  throw new X12Error('claim_structure_invalid', segment.tag, segment.position, `${segment.tag} comes before any claim payment (CLP)`);
}

/** Each reason of a CAS as `GROUP-REASON:AMOUNT`, the form the remittance columns carry. */
function adjustmentsOf(cas: X12Seg): string[] {
  const group = element(cas, 1);
  if (group === null) throw new X12Error('claim_structure_invalid', 'CAS', cas.position, 'CAS01 claim adjustment group code is missing');
  return CAS_REASONS.flatMap((at) => {
    const reason = element(cas, at);
    return reason === null ? [] : [`${group}-${reason}:${element(cas, at + 1) ?? ''}`];
  });
}

function codesAt(segment: X12Seg, positions: readonly number[]): string[] {
  return positions.map((at) => element(segment, at)).filter((code): code is string => code !== null);
}

function listOf(entries: readonly string[]): string | null {
  return entries.length === 0 ? null : entries.join(' ');
}

/** NM1*QC patient (else the insured, IL), NM1*82 rendering provider. A Social Security number (NM108 34) is not a member id. */
function patientOrProvider(values: ColumnValues, nm1: X12Seg): void {
  const entity = element(nm1, 1);
  const idQualifier = element(nm1, 8);
  if (entity === 'QC') {
    Object.assign(values, { patient_last_name: element(nm1, 3), patient_first_name: element(nm1, 4) });
    if (idQualifier !== '34') values['member_id'] = element(nm1, 9);
  } else if (entity === 'IL' && values['member_id'] == null && idQualifier !== '34') {
    values['member_id'] = element(nm1, 9);
  } else if (entity === '82' && idQualifier === 'XX') {
    values['rendering_npi'] = element(nm1, 9);
  }
}

function claimDate(values: ColumnValues, dtm: X12Seg): void {
  const column = { '050': 'claim_received_date', '232': 'claim_start_date', '233': 'claim_end_date' }[element(dtm, 1) ?? ''];
  if (column) values[column] = isoDate(element(dtm, 2));
}

/** DTM*472 a single day of service; *150 / *151 a period's first and last day. */
function lineDate(values: ColumnValues, dtm: X12Seg): void {
  const day = isoDate(element(dtm, 2));
  const qualifier = element(dtm, 1);
  if (qualifier === '472') Object.assign(values, { claim_line_start_date: day, claim_line_end_date: day });
  else if (qualifier === '150') values['claim_line_start_date'] = day;
  else if (qualifier === '151') values['claim_line_end_date'] = day;
}

/**
 * SVC: -01 the code paid (C003: qualifier, code, modifiers 1-4), -02 line charge, -03 paid,
 * -04 revenue code, -05 units paid (1 when absent, as the guide says).
 */
function serviceValues(svc: X12Seg, lineNumber: number): ColumnValues {
  const parts = composite(svc, 1);
  const qualifier = component(parts, 1);
  const code = component(parts, 2);
  return {
    claim_line_number: String(lineNumber),
    hcpcs_code: qualifier === REVENUE_QUALIFIER || qualifier === NDC_QUALIFIER ? null : code,
    ...Object.fromEntries([3, 4, 5, 6].map((n, index) => [`hcpcs_modifier_${index + 1}`, component(parts, n)])),
    revenue_center_code: element(svc, 4) ?? (qualifier === REVENUE_QUALIFIER ? code : null),
    ndc_code: qualifier === NDC_QUALIFIER ? code : null,
    line_charge_amount: element(svc, 2),
    line_paid_amount: element(svc, 3),
    paid_units: element(svc, 5) ?? '1',
  };
}
