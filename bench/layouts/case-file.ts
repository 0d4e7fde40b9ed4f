import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npiCheckDigit } from '@ade/healthcare';
import type { DateStyle, LayoutCase } from './layout-cases';

/**
 * Writes a case's file: a header row and `rows` rows of plausible values. A column the answer
 * names gets values of its canonical kind (NPIs with a good check digit, real ICD-10-CM codes,
 * dates in the layout's style...); every other column gets what its header suggests, so a
 * referring NPI or a second date is there to be confused with the right one, as in real files.
 */
export async function writeCaseFile(layoutCase: LayoutCase, directory: string, rows: number): Promise<string> {
  const canonicalOf = new Map(Object.entries(layoutCase.answer).map(([canonical, header]) => [header, canonical]));
  const lines = [layoutCase.headers.join(layoutCase.delimiter)];
  for (let row = 0; row < rows; row += 1) {
    const cells = layoutCase.headers.map((header) => {
      const canonical = canonicalOf.get(header);
      return canonical ? canonicalValue(canonical, layoutCase, row) : otherValue(header, layoutCase.dates, row);
    });
    lines.push(cells.join(layoutCase.delimiter));
  }
  const path = join(directory, `${layoutCase.id}.${layoutCase.delimiter === ',' ? 'csv' : 'txt'}`);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

const pick = <T>(values: readonly T[], row: number): T => values[row % values.length]!;
const npi = (first9: number) => `${first9}${npiCheckDigit(String(first9))}`;
const NPIS = Array.from({ length: 17 }, (_, i) => npi(123456789 + i * 7919));
const ICD10 = ['E119', 'I10', 'J189', 'M5450', 'Z0000', 'E785', 'F329', 'K219', 'N390', 'R0789', 'J449', 'G4733'];
const ICD9 = ['4019', '25000', '2724', '41401', '4280', 'V5869', '78650', '49390'];
const SNOMED = ['44054006', '38341003', '195662009', '10509002', '40055000', '72892002'];
const PROCEDURES = ['99213', '99214', '93000', '36415', '80053', 'J1100', 'G0439', '71046'];
const PCS = ['0SRD0JZ', '02HV33Z', '5A1955Z', '0DTJ4ZZ'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function dateValue(style: DateStyle, row: number, offsetDays = 0): string {
  const date = new Date(Date.UTC(2023, 0, 1) + ((row * 37 + offsetDays) % 700) * 86_400_000);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const mm = String(m).padStart(2, '0');
  const dd = String(d).padStart(2, '0');
  switch (style) {
    case 'DD-MMM-YYYY': return `${dd}-${MONTHS[m - 1]}-${y}`;
    case 'YYYYMMDD': return `${y}${mm}${dd}`;
    case 'MM/DD/YYYY': return `${mm}/${dd}/${y}`;
    case 'timestamp': return `${y}-${mm}-${dd}T10:15:00Z`;
    default: return `${y}-${mm}-${dd}`;
  }
}

const money = (row: number, scale: number) => ((((row * 7919) % 500) + 10) * scale).toFixed(2);

function canonicalValue(canonical: string, layoutCase: LayoutCase, row: number): string {
  const repeat = Number(/_([0-9]+)$/.exec(canonical)?.[1] ?? 1);
  if (canonical.startsWith('diagnosis_code_') && canonical !== 'diagnosis_code_type') {
    if (repeat > 3) return '';
    const codes = layoutCase.diagnoses === 'icd9' ? ICD9 : layoutCase.diagnoses === 'snomed' ? SNOMED : ICD10;
    return pick(codes, row + repeat);
  }
  if (canonical.startsWith('hcpcs_modifier_')) return repeat > 1 || row % 3 !== 0 ? '' : pick(['25', '59', 'LT', 'RT'], row);
  if (canonical.startsWith('procedure_code_') && canonical !== 'procedure_code_type') return repeat > 1 ? '' : pick(PCS, row);
  if (canonical.endsWith('_date') || canonical.startsWith('procedure_date_')) {
    if (canonical.includes('birth')) return dateValue(layoutCase.dates, row, -20_000 + (row % 300) * 40);
    return dateValue(layoutCase.dates, row, canonical.includes('end') || canonical.includes('discharge') ? 3 : 0);
  }
  if (canonical.endsWith('npi') || canonical === 'npi') return pick(NPIS, row + canonical.length);
  if (canonical.endsWith('_amount')) return money(row, canonical.startsWith('charge') ? 2 : canonical.startsWith('paid') ? 0.8 : 1);
  const values: Record<string, () => string> = {
    claim_id: () => `${9_000_000 + Math.floor(row / 2)}`,
    claim_line_number: () => String((row % 2) + 1),
    claim_type: () => pick(['71', '72'], row),
    member_id: () => `M${String(400_000 + (row % 90)).padStart(8, '0')}`,
    person_id: () => `8f1c${String(row % 90).padStart(4, '0')}-2b7e-4c1d-9a55-${String(100000000000 + (row % 90))}`,
    mbi: () => pick(['1EG4TE5MK73', '2EG4TE5MK74', '5K72HA3YK12'], row),
    payer: () => pick(['Medicare', 'Acme Health'], row),
    plan: () => pick(['Part B', 'Gold PPO'], row),
    patient_gender: () => pick(['F', 'M'], row),
    gender: () => pick(['F', 'M'], row),
    diagnosis_code_type: () => (layoutCase.diagnoses === 'icd9' ? '9' : '0'),
    hcpcs_code: () => pick(PROCEDURES, row),
    place_of_service_code: () => pick(['11', '21', '22', '02', '23'], row),
    service_unit_quantity: () => String((row % 4) + 1),
    quantity: () => String(((row % 6) + 1) * 30),
    days_supply: () => pick(['30', '90', '7', '14'], row),
    refills: () => String(row % 4),
    prescription_number: () => `${7_000_000 + row}`,
    ndc_code: () => pick(['00002143380', '00093505601', '00378180101'], row),
    revenue_center_code: () => pick(['0450', '0300', '0250', '0636'], row),
    bill_type_code: () => pick(['0111', '0131', '0831'], row),
    primary_taxonomy_code: () => pick(['207Q00000X', '208D00000X', '363L00000X'], row),
    taxonomy_code_1: () => pick(['207Q00000X', '208D00000X', '363L00000X'], row),
    entity_type_code: () => pick(['1', '2'], row),
    practice_state: () => pick(['TX', 'CA', 'NY'], row),
    state: () => pick(['TX', 'CA', 'NY'], row),
    practice_zip_code: () => pick(['78701', '946121234', '10001'], row),
    zip_code: () => pick(['78701', '94612', '10001'], row),
    practice_phone: () => `512555${String(1000 + row).slice(-4)}`,
    phone: () => `512555${String(1000 + row).slice(-4)}`,
    admit_source_code: () => '1',
    admit_type_code: () => '1',
    discharge_disposition_code: () => pick(['01', '06'], row),
    ms_drg_code: () => pick(['177', '470'], row),
    diagnosis_poa_1: () => 'Y',
  };
  const name = values[canonical];
  if (name) return name();
  if (canonical.includes('first_name')) return pick(['MARIA', 'JAMES', 'LINH'], row);
  if (canonical.includes('last_name')) return pick(['GARCIA', 'SMITH', 'NGUYEN'], row);
  if (canonical.includes('organization')) return pick(['ACME CLINIC LLC', ''], row);
  if (canonical.includes('address')) return `${100 + row} MAIN ST`;
  if (canonical.includes('city')) return pick(['AUSTIN', 'OAKLAND'], row);
  return `V${row % 50}`;
}

/** A value for a column no canonical column reads, as its header suggests. */
function otherValue(header: string, dates: DateStyle, row: number): string {
  const upper = header.toUpperCase();
  if (/NPI/.test(upper)) return row % 4 === 0 ? '' : pick(NPIS, row + 5);
  if (/(AMT|AMOUNT|BETRAG|MONTANT|MONTO|OUTSTANDING)/.test(upper)) return money(row, 0.3);
  if (/(_DT|DT_|DATE|DATUM|FECHA|_DT[0-9])/.test(upper) || /^PRCDR_DT/.test(upper)) return row % 5 === 0 ? '' : dateValue(dates, row, 11);
  if (/(CNT|QTY|_NUM$|NUMBER)/.test(upper)) return String(row % 9);
  if (/(ID$|ID_|UPIN|TAX|PIN)/.test(upper)) return `X${(row * 104729) % 1_000_000}`;
  if (/(CD|CODE|IND|SW|TYPE|STATUS|STUS)/.test(upper)) return pick(['A', '1', '01', 'Y', 'N', '0'], row);
  return pick(['', 'see note', 'ok', 'N/A'], row);
}
