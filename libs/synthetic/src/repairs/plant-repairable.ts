import { COLUMN, DIAGNOSIS_COLUMNS, type ClaimLineFields, type ProfessionalClaimColumn } from '../claims/professional-claim-columns';
import type { Random } from '../random/random';
import { REPAIR_IDS, type RepairId } from './repair-ids';

export interface PlantedRepairable {
  column: ProfessionalClaimColumn;
  repair: RepairId;
}

const CODE_COLUMNS = ['hcpcs_code', ...DIAGNOSIS_COLUMNS] as const satisfies readonly ProfessionalClaimColumn[];

/** Service and received dates; the birth date is left alone (it is not what date repair is tested on). */
const DATE_COLUMNS = [
  'claim_start_date',
  'claim_end_date',
  'claim_line_start_date',
  'claim_line_end_date',
  'claim_received_date',
] as const satisfies readonly ProfessionalClaimColumn[];

const PADDINGS: ReadonlyArray<(value: string) => string> = [
  (value) => ` ${value}`,
  (value) => `${value} `,
  (value) => ` ${value} `,
  (value) => `  ${value}`,
];

/**
 * Rewrites one field of a clean line, in place, into a variant its repair turns back into exactly
 * the same value, and says which. Every line has a procedure code, dates and a charge, so a repair
 * always applies; the dot repair only when a diagnosis has a dot.
 */
export function plantRepairable(fields: ClaimLineFields, random: Random): PlantedRepairable {
  const dotted = DIAGNOSIS_COLUMNS.filter((column) => fields[COLUMN[column]]!.includes('.'));
  const repair = random.pick(dotted.length > 0 ? REPAIR_IDS : REPAIR_IDS.filter((id) => id !== 'icd10cm.restore_dot'));
  switch (repair) {
    case 'code.trim_upper':
      return { column: varyCodeCase(fields, random), repair };
    case 'icd10cm.restore_dot': {
      const column = random.pick(dotted);
      fields[COLUMN[column]] = fields[COLUMN[column]]!.replace('.', '');
      return { column, repair };
    }
    case 'date.normalize': {
      const column = random.pick(DATE_COLUMNS);
      fields[COLUMN[column]] = nonIsoDate(fields[COLUMN[column]]!, random);
      return { column, repair };
    }
    case 'amount.normalize':
      fields[COLUMN.charge_amount] = dollars(fields[COLUMN.charge_amount]!);
      return { column: 'charge_amount', repair };
  }
}

/** Lower case, surrounding spaces, or both; a code without letters (CPT-shaped) can only be padded. */
function varyCodeCase(fields: ClaimLineFields, random: Random): ProfessionalClaimColumn {
  const column = random.pick(CODE_COLUMNS.filter((name) => fields[COLUMN[name]] !== ''));
  const code = fields[COLUMN[column]]!;
  const style = /[A-Z]/.test(code) ? random.pick(['lower', 'pad', 'both'] as const) : 'pad';
  const cased = style === 'pad' ? code : code.toLowerCase();
  fields[COLUMN[column]] = style === 'lower' ? cased : random.pick(PADDINGS)(cased);
  return column;
}

/** `2025-03-07` → `03/07/2025` or `20250307`. */
function nonIsoDate(iso: string, random: Random): string {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return random.chance(0.5) ? `${month}/${day}/${year}` : `${year}${month}${day}`;
}

/** `1234.50` → `$1,234.50`; `80.00` → `$80.00`. */
export function dollars(amount: string): string {
  const [whole, cents] = amount.split('.') as [string, string];
  return `$${whole.replace(/\B(?=(\d{3})+$)/g, ',')}.${cents}`;
}
