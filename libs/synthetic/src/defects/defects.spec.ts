import { isIcd10CmFormat, isProcedureCodeFormat, isValidNpi } from '@ade/healthcare';
import { describe, expect, it } from 'vitest';
import { COLUMN, PROFESSIONAL_CLAIM_COLUMNS, type ClaimLineFields } from '../claims/professional-claim-columns';
import { Random } from '../random/random';
import { DEFECT_KINDS, type DefectKind } from './defect-kinds';
import { DefectSchedule } from './defect-schedule';
import { DuplicateSubstitute } from './duplicate-substitute';
import { ProviderDirectory } from '../people/providers';
import {
  plantMalformedDiagnosis,
  plantMalformedProcedure,
  plantMissingRequired,
  plantNpiCheckDigit,
  plantPaidExceedsCharge,
  plantUnknownProvider,
} from './plant-defect';
import { RecentCleanLines } from './recent-clean-lines';

function runSchedule(rows: number, rate: number, kinds: readonly DefectKind[], seed = 3): (DefectKind | null)[] {
  const schedule = new DefectSchedule(rows, rate, kinds, new Random(seed));
  return Array.from({ length: rows }, () => schedule.next());
}

describe('DefectSchedule', () => {
  it('picks exactly round(rows × rate) rows, balanced over the kinds', () => {
    const picks = runSchedule(10_001, 0.07, DEFECT_KINDS);
    const defective = picks.filter((kind) => kind !== null);
    expect(defective).toHaveLength(700);
    const counts = DEFECT_KINDS.map((kind) => defective.filter((picked) => picked === kind).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('spreads defects over the whole file rather than bunching them', () => {
    const picks = runSchedule(10_000, 0.1, DEFECT_KINDS);
    const firstHalf = picks.slice(0, 5_000).filter((kind) => kind !== null).length;
    expect(firstHalf).toBeGreaterThan(400);
    expect(firstHalf).toBeLessThan(600);
  });

  it('handles 0%, 100% and no kinds', () => {
    expect(runSchedule(100, 0, DEFECT_KINDS).every((kind) => kind === null)).toBe(true);
    expect(runSchedule(100, 1, DEFECT_KINDS).every((kind) => kind !== null)).toBe(true);
    expect(runSchedule(100, 1, []).every((kind) => kind === null)).toBe(true);
  });

  it('refuses to run past its rows', () => {
    const schedule = new DefectSchedule(1, 0, DEFECT_KINDS, new Random(1));
    schedule.next();
    expect(() => schedule.next()).toThrow(RangeError);
  });
});

describe('DuplicateSubstitute', () => {
  it('rotates through the other kinds, or gives nothing when duplicates are all there is', () => {
    const substitute = new DuplicateSubstitute(['npi_check_digit', 'duplicate_line', 'paid_exceeds_charge']);
    expect([substitute.next(), substitute.next(), substitute.next()]).toEqual([
      'npi_check_digit',
      'paid_exceeds_charge',
      'npi_check_digit',
    ]);
    expect(new DuplicateSubstitute(['duplicate_line']).next()).toBeNull();
  });
});

describe('RecentCleanLines', () => {
  it('remembers at most its capacity, most recent lines', () => {
    const lines = new RecentCleanLines(2);
    expect(lines.pick(new Random(1))).toBeUndefined();
    for (const line of ['a', 'b', 'c']) lines.add(line);
    const random = new Random(1);
    const picked = new Set(Array.from({ length: 50 }, () => lines.pick(random)));
    expect(picked).toEqual(new Set(['b', 'c']));
  });
});

function validLine(overrides: Partial<Record<(typeof PROFESSIONAL_CLAIM_COLUMNS)[number], string>> = {}): ClaimLineFields {
  const fields: ClaimLineFields = PROFESSIONAL_CLAIM_COLUMNS.map(() => '');
  const values = {
    billing_npi: '1234567893',
    rendering_npi: '1245319599',
    diagnosis_code_1: 'E11.9',
    diagnosis_code_2: 'QA0.8',
    diagnosis_code_3: 'I10',
    hcpcs_code: '99213',
    charge_amount: '120.00',
    allowed_amount: '80.00',
    paid_amount: '80.00',
    ...overrides,
  };
  for (const [column, value] of Object.entries(values)) fields[COLUMN[column as keyof typeof COLUMN]] = value;
  return fields;
}

describe('planting one defect into a line', () => {
  const random = new Random(11);

  it('breaks only the check digit of one NPI', () => {
    for (let i = 0; i < 200; i += 1) {
      const fields = validLine();
      const column = plantNpiCheckDigit(fields, random);
      const npi = fields[COLUMN[column]]!;
      expect(npi).toMatch(/^[12]\d{9}$/);
      expect(isValidNpi(npi)).toBe(false);
      const other = column === 'billing_npi' ? 'rendering_npi' : 'billing_npi';
      expect(isValidNpi(fields[COLUMN[other]]!)).toBe(true);
    }
  });

  it('malforms a filled diagnosis, including unusual valid shapes like QA0.8 and I10', () => {
    for (let i = 0; i < 300; i += 1) {
      const fields = validLine();
      const column = plantMalformedDiagnosis(fields, random);
      expect(isIcd10CmFormat(fields[COLUMN[column]]!)).toBe(false);
      expect(column).not.toBe('diagnosis_code_4');
    }
  });

  it('malforms the procedure code', () => {
    for (let i = 0; i < 300; i += 1) {
      const fields = validLine();
      expect(plantMalformedProcedure(fields, random)).toBe('hcpcs_code');
      expect(isProcedureCodeFormat(fields[COLUMN.hcpcs_code]!)).toBe(false);
    }
  });

  it('puts an unlisted but valid NPI on the rendering side only', () => {
    const providers = new ProviderDirectory(5, 20, 6);
    for (let i = 0; i < 100; i += 1) {
      const fields = validLine({ billing_npi: providers.billingNpi(3), rendering_npi: providers.renderingNpi(3, 2) });
      expect(plantUnknownProvider(fields, random, providers)).toBe('rendering_npi');
      expect(isValidNpi(fields[COLUMN.rendering_npi]!)).toBe(true);
      expect(providers.lists(fields[COLUMN.rendering_npi]!)).toBe(false);
      expect(fields[COLUMN.billing_npi]).toBe(providers.billingNpi(3));
    }
  });

  it('blanks units and nothing else for a missing required value', () => {
    const fields = validLine({ units: '2' });
    const before = [...fields];
    expect(plantMissingRequired(fields)).toBe('units');
    expect(fields[COLUMN.units]).toBe('');
    expect(fields.filter((value, index) => value !== before[index])).toEqual(['']);
  });

  it('raises paid above charge and leaves allowed alone', () => {
    for (let i = 0; i < 100; i += 1) {
      const fields = validLine({ charge_amount: '0.03', allowed_amount: '0.02', paid_amount: '0.01' });
      plantPaidExceedsCharge(fields, random);
      expect(Number(fields[COLUMN.paid_amount])).toBeGreaterThan(0.03);
      expect(fields[COLUMN.allowed_amount]).toBe('0.02');
      expect(fields[COLUMN.paid_amount]).toMatch(/^\d+\.\d{2}$/);
    }
  });
});
