import {
  availableStatePacks,
  fiscalYearOf,
  icd10CmFiscalYears,
  isIcd10CmDottedFormat,
  isHcpcsLevel2Format,
  isIsoDate,
  isProcedureCodeFormat,
  isValidNpi,
  isoDateToEpochDay,
  loadHcpcsLevel2Codes,
  loadIcd10CmCodes,
  loadIcd10CmMidyearChanges,
  loadPlaceOfServiceCodes,
  loadStateCodes,
  loadStatePack,
  parseCsv,
  toDotlessIcd10Cm,
} from '@ade/healthcare';
import { PROFESSIONAL_CLAIM_COLUMNS, type ProfessionalClaimColumn } from '../claims/professional-claim-columns';
import type { DefectKind } from '../defects/defect-kinds';

/**
 * An independent re-implementation of the rules the generated data must respect, written from the
 * rules, not from the generator, so that the tests can tell each row's defects apart. Rule ids that
 * match a DefectKind are the ones a defect must break; the others must never fail on any row.
 */
export type RuleId =
  | DefectKind
  | 'row_shape'
  | 'diagnosis_not_billable_on_service_date'
  | 'hcpcs_level2_not_in_code_set'
  | 'place_of_service_unknown'
  | 'state_unknown'
  | 'amounts_out_of_order'
  | 'amount_format'
  | 'units_invalid'
  | 'dates_out_of_order'
  | 'received_after_as_of'
  | 'birth_after_service'
  | 'payer_not_medicaid'
  | 'claim_line_number_invalid'
  | 'member_not_in_eligibility';

/**
 * The run's companion files, for the cross-table rules: which NPIs the providers file lists, and
 * each member's enrollment spans (ISO dates, end null while open).
 */
export interface ReferenceData {
  providerNpis: ReadonlySet<string>;
  spansByMember: ReadonlyMap<string, ReadonlyArray<{ start: string; end: string | null }>>;
}

export type ClaimRecord = Record<ProfessionalClaimColumn, string>;

export interface ParsedClaimsCsv {
  header: string[];
  records: ClaimRecord[];
  /** The raw text of each data line, for byte-level duplicate checks (no field holds a newline). */
  rawLines: string[];
}

export function parseClaimsCsv(text: string): ParsedClaimsCsv {
  const [header = [], ...rows] = parseCsv(text);
  const records = rows.map((row) => {
    if (row.length !== PROFESSIONAL_CLAIM_COLUMNS.length) throw new Error(`row has ${row.length} fields`);
    return Object.fromEntries(PROFESSIONAL_CLAIM_COLUMNS.map((name, index) => [name, row[index]!])) as ClaimRecord;
  });
  const rawLines = text.split('\n').slice(1, -1);
  return { header, records, rawLines };
}

const AMOUNT = /^\d+\.\d{2}$/;
/** The shortest timely-filing limit of the shipped packs: a receipt later than this is late under some pack. */
const SHORTEST_FILING_DAYS = Math.min(...availableStatePacks().map((id) => loadStatePack(id).timelyFilingDays));
const DIAGNOSIS_COLUMNS = ['diagnosis_code_1', 'diagnosis_code_2', 'diagnosis_code_3', 'diagnosis_code_4'] as const;

/** Checks rows in file order (duplicate detection needs the rows before). */
export class ClaimRuleChecker {
  private readonly seenLines = new Set<string>();
  private readonly newestFiscalYear = Math.max(...icd10CmFiscalYears());
  private readonly midyearChanges = loadIcd10CmMidyearChanges();

  constructor(
    private readonly asOf: string,
    /** Without reference data the cross-table rules are not checked. */
    private readonly references?: ReferenceData,
  ) {}

  failures(record: ClaimRecord): RuleId[] {
    const failed = new Set<RuleId>();
    const fail = (rule: RuleId, broken: boolean) => {
      if (broken) failed.add(rule);
    };

    const key = `${record.claim_id}#${record.claim_line_number}`;
    fail('duplicate_line', this.seenLines.has(key));
    this.seenLines.add(key);

    fail('npi_check_digit', !isValidNpi(record.billing_npi) || !isValidNpi(record.rendering_npi));
    if (this.references) {
      // An NPI with a wrong check digit is the npi_check_digit defect, not also an unknown provider.
      const listed = (npi: string) => !isValidNpi(npi) || this.references!.providerNpis.has(npi);
      fail('unknown_provider', !listed(record.billing_npi) || !listed(record.rendering_npi));
    }

    const diagnoses = DIAGNOSIS_COLUMNS.map((column) => record[column]);
    const filled = diagnoses.filter((code) => code !== '');
    fail('malformed_diagnosis', filled.some((code) => !isIcd10CmDottedFormat(code)));
    fail('row_shape', diagnoses[0] === '' || diagnoses.join(',').replace(/,+$/, '').includes(',,'));
    fail('row_shape', new Set(filled).size !== filled.length);
    // Existence is judged only on well-formed codes: a malformed one is already its own defect.
    const wellFormed = filled.filter(isIcd10CmDottedFormat);
    fail('diagnosis_not_billable_on_service_date', !this.allBillable(wellFormed, record));

    fail('malformed_procedure', !isProcedureCodeFormat(record.hcpcs_code));
    fail(
      'hcpcs_level2_not_in_code_set',
      isHcpcsLevel2Format(record.hcpcs_code) && !loadHcpcsLevel2Codes().has(record.hcpcs_code),
    );
    fail('row_shape', record.hcpcs_modifier_1 !== '' && !/^[A-Z0-9]{2}$/.test(record.hcpcs_modifier_1));

    fail('place_of_service_unknown', !loadPlaceOfServiceCodes().has(record.place_of_service_code));
    fail('state_unknown', !loadStateCodes().has(record.state));
    fail('payer_not_medicaid', record.payer !== 'Medicaid' || !record.plan.startsWith(`${record.state} `));
    fail('claim_line_number_invalid', !/^[1-4]$/.test(record.claim_line_number));
    fail('row_shape', !/^\d{13}$/.test(record.claim_id) || record.member_id === '' || !/^[FM]$/.test(record.patient_gender));

    const amounts = [record.charge_amount, record.allowed_amount, record.paid_amount];
    fail('amount_format', amounts.some((amount) => !AMOUNT.test(amount)));
    const [charge, allowed, paid] = amounts.map((amount) => Math.round(Number(amount) * 100)) as [number, number, number];
    fail('paid_exceeds_charge', paid > charge);
    fail('amounts_out_of_order', allowed > charge || (paid > allowed && paid <= charge));
    fail('missing_required', record.units === '');
    fail('units_invalid', record.units !== '' && !/^[1-9]\d*$/.test(record.units));

    const dates = [
      record.patient_birth_date,
      record.claim_start_date,
      record.claim_line_start_date,
      record.claim_line_end_date,
      record.claim_end_date,
      record.claim_received_date,
    ];
    fail('row_shape', !dates.every(isIsoDate));
    const [birth, claimStart, lineStart, lineEnd, claimEnd, received] = dates as [string, string, string, string, string, string];
    fail('service_dates_reversed', lineEnd < lineStart);
    // Whichever way round the line's dates are written, both lie inside the claim's span.
    const [lineFirst, lineLast] = lineStart <= lineEnd ? [lineStart, lineEnd] : [lineEnd, lineStart];
    fail('dates_out_of_order', !(claimStart <= lineFirst && lineLast <= claimEnd && claimEnd < received));
    fail('late_filing', isoDateToEpochDay(received)! - isoDateToEpochDay(claimEnd)! > SHORTEST_FILING_DAYS);
    fail('birth_after_service', birth >= claimStart);
    const serviceInFuture = [claimStart, lineStart, lineEnd, claimEnd].some((date) => date > this.asOf);
    fail('future_service_date', serviceInFuture);
    // A future-dated service is received later still; that is the same defect, not another.
    fail('received_after_as_of', received > this.asOf && !serviceInFuture);
    if (this.references) {
      const spans = this.references.spansByMember.get(record.member_id);
      fail('member_not_in_eligibility', spans === undefined);
      const covered = (spans ?? []).some((span) => span.start <= lineFirst && (span.end === null || lineLast <= span.end));
      fail('service_outside_eligibility', spans !== undefined && !covered);
    }

    return [...failed];
  }

  private allBillable(dottedCodes: string[], record: ClaimRecord): boolean {
    const serviceDates = [record.claim_line_start_date, record.claim_line_end_date];
    return dottedCodes.every((dotted) => {
      const code = toDotlessIcd10Cm(dotted);
      return serviceDates.every((date) => this.billableOn(code, date));
    });
  }

  /**
   * The FY set of the date, corrected by mid-year updates already in force on that date but not
   * yet in that FY's file. Years past the newest shipped file use the newest.
   */
  private billableOn(code: string, date: string): boolean {
    const fiscalYear = Math.min(fiscalYearOf(date), this.newestFiscalYear);
    let billable = loadIcd10CmCodes(fiscalYear).has(code);
    for (const change of this.midyearChanges) {
      if (change.code === code && change.effectiveDate <= date && change.firstFiscalYearFile > fiscalYear) {
        billable = change.change === 'added';
      }
    }
    return billable;
  }
}

/** Every row's failed rules, 1-based row numbers as in the manifest. */
export function checkAllRows(parsed: ParsedClaimsCsv, asOf: string, references?: ReferenceData): Map<number, RuleId[]> {
  const checker = new ClaimRuleChecker(asOf, references);
  const failuresByRow = new Map<number, RuleId[]>();
  parsed.records.forEach((record, index) => {
    const failures = checker.failures(record);
    if (failures.length > 0) failuresByRow.set(index + 1, failures);
  });
  return failuresByRow;
}

/** Reads the providers and eligibility CSVs of a run into the sets the cross-table rules look up. */
export function parseReferenceData(providersCsv: string, eligibilityCsv: string): ReferenceData {
  const [providerHeader = [], ...providerRows] = parseCsv(providersCsv);
  const npiAt = providerHeader.indexOf('npi');
  const [eligibilityHeader = [], ...spanRows] = parseCsv(eligibilityCsv);
  const at = (name: string) => eligibilityHeader.indexOf(name);
  const spansByMember = new Map<string, Array<{ start: string; end: string | null }>>();
  for (const row of spanRows) {
    const member = row[at('member_id')]!;
    const spans = spansByMember.get(member) ?? [];
    spans.push({ start: row[at('enrollment_start_date')]!, end: row[at('enrollment_end_date')] || null });
    spansByMember.set(member, spans);
  }
  return { providerNpis: new Set(providerRows.map((row) => row[npiAt]!)), spansByMember };
}
