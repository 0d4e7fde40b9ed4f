import { loadHcpcsLevel2Codes, loadHcpcsLevel2Modifiers } from '../../codesets/hcpcs-level2';
import { loadNuccTaxonomyCodes } from '../../codesets/nucc-taxonomy';
import { loadPlaceOfServiceCodes } from '../../codesets/place-of-service';
import { loadStateCodes } from '../../codesets/state-codes';
import { toDottedIcd10Cm } from '../../formats/icd10cm-format';
import { npiCheckDigit } from '../../identifiers/npi';
import { loadIcd10CmCalendar } from '../../reference/icd10cm-calendar';
import { junk, nearMiss } from './near-miss';
import type { SeededRandom } from './seeded-random';

export type ValueSource = (random: SeededRandom) => string | null;

/** Mostly near-misses of real or well-formed values, sometimes junk. */
function source(valid: (random: SeededRandom) => string[], junkProbability = 0.08): ValueSource {
  return (random) => (random.chance(junkProbability) ? junk(random) : nearMiss(random, valid(random)));
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `0123456789${LETTERS}`;

function npis(random: SeededRandom): string[] {
  const first9 = random.pick(['1', '2', '0', '3']) + random.digits(8);
  const check = npiCheckDigit(first9);
  return [`${first9}${check}`, `${first9}${(check + random.int(1, 9)) % 10}`, '1234567893', random.digits(10)];
}

let codeSample: { icd: string[]; changed: string[] } | undefined;

/** Real ICD-10-CM codes, favouring the ones whose validity changes over time. */
function icdCodes(): { icd: string[]; changed: string[] } {
  if (!codeSample) {
    const calendar = loadIcd10CmCalendar();
    const all = [...calendar.billable.keys(), ...calendar.headers.keys()];
    const changed = all.filter((code) => {
      const intervals = [...(calendar.billable.get(code) ?? []), ...(calendar.headers.get(code) ?? [])];
      return intervals.length > 1 || intervals.some((i) => i.from !== '2015-10-01' || i.to !== '9999-12-31');
    });
    codeSample = { icd: all, changed: [...changed, 'M545', 'U071', 'U070', 'M358', 'M3581', 'Z283', 'Z28310', 'QA08', 'E11', 'E119'] };
  }
  return codeSample;
}

function icd(random: SeededRandom): string {
  const { icd: all, changed } = icdCodes();
  const code = random.chance(0.5) ? random.pick(changed) : random.pick(all);
  return random.chance(0.6) ? toDottedIcd10Cm(code) : code;
}

/** Anything that may sit in a procedure or diagnosis code field. */
export const codeValues: ValueSource = source((random) => [
  icd(random),
  icd(random),
  random.pick([...loadHcpcsLevel2Codes()]),
  random.string(LETTERS, 1) + random.digits(4),
  random.digits(5),
  random.digits(4) + random.pick(['F', 'T', 'U', 'f', 't']),
  random.string(ALNUM, 7),
  random.string('0123456789ABCDEFGHJKLMNPQRSTUVWXYZ', 7),
  random.string(LETTERS, 1) + random.string(ALNUM, random.int(2, 6)),
]);

/** Diagnoses of both eras: ICD-10-CM codes and ICD-9-CM shapes (numeric, V and E codes) and their near misses. */
export const diagnosisValues: ValueSource = source((random) => [
  icd(random),
  icd(random),
  random.digits(3) + random.pick(['', '.' + random.digits(random.int(1, 3)), random.digits(random.int(1, 3))]),
  'V' + random.digits(2) + random.pick(['', '.' + random.digits(random.int(1, 3)), random.digits(random.int(1, 3))]),
  'E' + random.digits(3) + random.pick(['', '.' + random.digits(random.int(1, 2)), random.digits(random.int(1, 2))]),
  random.pick(['250.00', '25000', '401.9', '4019', 'V72.31', 'V7231', 'E849.7', 'E8497', 'v72.31', 'e849.7', '250.', '25.000', 'V7.2', 'E84.97']),
  // SNOMED CT concepts Synthea writes, a description id, and random SCTID shapes (a tenth pass Verhoeff).
  random.pick(['44054006', '38341003', '195662009', '10509002', '840539006', '386661006', '138875005', '750827015', '900000000000207008']),
  random.pick(['1', '2', '9']) + random.digits(random.int(5, 17)),
]);

/** Code types as sources write them: both systems in several spellings, the CCW version codes, and others. */
export function codeTypeValue(random: SeededRandom): string | null {
  return random.pick([
    null,
    null,
    random.pick(['icd-10-cm', 'ICD-10-CM', 'icd10', 'ICD10CM', '0', '10', ' icd 10 cm ', 'Icd-10', 'icd10-CM']),
    random.pick(['icd-9-cm', 'ICD-9-CM', 'icd9', 'ICD9CM', '9', ' 9 ', 'ICD 9', 'icd9-cm']),
    random.pick(['snomed', 'SNOMED-CT', 'http://snomed.info/sct', ' sct ', 'ſct', 'snomed\u00a0ct']),
    random.pick(['', 'icd-11', '90', '09', 'ıcd9', 'İCD9', 'icd-９', 'x', '\t9', '9\u00a0', 'I.C.D.-9', 'icd_9', 'ＩＣＤ9']),
  ]);
}

export const npiValues: ValueSource = source(npis);

export const modifierValues: ValueSource = source((random) => [
  random.pick([...loadHcpcsLevel2Modifiers().keys()]),
  random.string(ALNUM, 2),
  random.string(ALNUM, random.int(1, 3)),
]);

export const ndcValues: ValueSource = source((random) => {
  const segments = (lengths: number[]) => lengths.map((length) => random.digits(length));
  return [
    segments([4, 4, 2]).join('-'),
    segments([5, 3, 2]).join('-'),
    segments([5, 4, 1]).join('-'),
    segments([5, 4, 2]).join('-'),
    random.digits(11),
    random.digits(10),
    segments([random.int(3, 6), random.int(2, 5), random.int(1, 3)]).join(random.pick(['-', ' ', '', '.'])),
  ];
});

const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
export const mbiValues: ValueSource = source((random) => {
  const letter = () => (random.chance(0.9) ? random.string(MBI_LETTERS, 1) : random.string('SLOIBZ', 1));
  const either = () => (random.chance(0.5) ? letter() : random.digits(1));
  const parts = [random.string('123456789', 1) + letter() + either() + random.digits(1), letter() + either() + random.digits(1), letter() + letter() + random.digits(2)];
  return [parts.join(''), parts.join('-'), parts.join(random.pick(['', '-', ' '])), '1EG4TE5MK73', '1EG4-TE5-MK73', `${parts[0]}-${parts[1]}${parts[2]}`];
});

export const memberIdValues: ValueSource = source((random) => [
  random.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 2) + random.digits(8),
  random.digits(random.int(7, 12)) + random.pick(['', 'A', 'Z', 'a']),
  random.pick(['MA-', 'MB-', 'XX-', 'ma-']) + random.digits(random.int(3, 7)),
  random.string(ALNUM + '_-', random.int(4, 14)),
]);

export const taxonomyValues: ValueSource = source((random) => [
  random.pick([...loadNuccTaxonomyCodes().keys()]),
  random.string(ALNUM, 9) + random.pick(['X', 'x', 'Y', '0']),
  random.digits(3) + random.string(ALNUM, 1) + '00000X',
]);

export const posValues: ValueSource = source((random) => [random.pick([...loadPlaceOfServiceCodes().keys()]), random.digits(2), random.digits(random.int(1, 3))]);

export const stateValues: ValueSource = source((random) => [random.pick([...loadStateCodes().keys()]), random.string(LETTERS, 2), random.pick(['DC', 'dc', 'Ny', 'XX', 'UK'])]);

export const zipValues: ValueSource = source((random) => [random.digits(5), `${random.digits(5)}-${random.digits(4)}`, random.digits(9), random.digits(random.int(3, 10))]);

export const claimTypeValues: ValueSource = source((random) => [
  random.pick(['professional', 'institutional', 'pharmacy']),
  random.pick(['Professional', 'PHARMACY', 'dental', 'vision', 'prof', 'inst']),
]);

export const requiredValues: ValueSource = (random) =>
  random.chance(0.5) ? junk(random) : random.pick(['', ' ', '\t', '\n', '\r\n', ' \t\r\n ', '\f', '\v', '\u00a0', '\u2028', '\u3000', 'x', ' x ', '0', '\u200b']);

/** Dates around fiscal-year starts, mid-year effective dates, leap days and impossible days, in all three shapes. */
export function dateValue(random: SeededRandom, around: readonly string[] = []): string | null {
  if (random.chance(0.05)) return junk(random);
  const iso = random.pick<() => string>([
    () => `${random.int(2014, 2027)}-${random.pick(['09-29', '09-30', '10-01', '10-02'])}`,
    () => random.pick(['2020-03-31', '2020-04-01', '2020-12-31', '2021-01-01', '2022-03-31', '2022-04-01', '2015-09-30', '2015-10-01']),
    () => `${random.pick(['0000', '0004', '0100', '1900', '2000', '2023', '2024', '2100', '2400'])}-02-${random.pick(['28', '29', '30'])}`,
    () => `${random.int(1990, 2030)}-${pad(random.int(0, 13))}-${pad(random.int(0, 32))}`,
    () => `${random.int(2015, 2027)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    () => (around.length > 0 ? random.pick(around) : '2026-01-15'),
  ])();
  const [year, month, day] = iso.split('-') as [string, string, string];
  const written = random.pick([
    iso,
    `${year}${month}${day}`,
    `${month}/${day}/${year}`,
    `${month}/${day}/${year}`,
    `${day}-${monthName(random, month)}-${year}`,
    `${iso}T${random.pick(['00:00:00', '05:07:38Z', '23:59:59.5+05:30', '12:00:00-08:00', '24:00:00Z', '10:60:00', '10:00:00+0530'])}`,
  ]);
  return random.chance(0.15) ? nearMiss(random, [written], 0) : written;
}

/** The month's three-letter name in any case, or a near miss of one (a month 00 or 13 has none). */
function monthName(random: SeededRandom, month: string): string {
  const name = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][Number(month) - 1] ?? random.pick(['XXX', 'JANU', month]);
  return random.pick([name, name.toLowerCase(), name[0] + name.slice(1).toLowerCase(), name.slice(0, 2)]);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Amounts with long and odd digit strings; `like` (when given) makes a close or equal twin of it. */
export function amountValue(random: SeededRandom, like?: string | null): string | null {
  if (random.chance(0.05)) return junk(random);
  if (like && random.chance(0.5)) return amountTwin(random, like);
  const sign = random.pick(['', '', '', '-']);
  const integer = random.pick([random.digits(random.int(1, 3)), random.digits(random.int(1, 45)), '0', '00012', '0000']);
  const fraction = random.pick(['', '', `.${random.digits(2)}`, `.${random.digits(random.int(1, 30))}`, '.0', '.000', '.', '.5']);
  const amount = `${sign}${integer}${fraction}`;
  if (random.chance(0.1)) return random.pick(['-0', '-0.00', '0', '.5', '5.', '+5', '1e5', '$12.00', '1,000.00', '--1', '-', '12.5.1', '１２']);
  return random.chance(0.1) ? nearMiss(random, [amount], 0) : amount;
}

/** The same value written differently, or one that differs only far to the right. */
function amountTwin(random: SeededRandom, value: string): string {
  return random.pick<() => string>([
    () => value,
    () => `0${value.replace(/^-/, '')}`,
    () => (value.includes('.') ? `${value}000` : `${value}.000`),
    () => (value.startsWith('-') ? value.slice(1) : `-${value}`),
    () => (value.includes('.') ? `${value}${random.int(1, 9)}` : `${value}.${'0'.repeat(random.int(5, 20))}1`),
    () => value.replace(/[0-9](?=[^0-9]*$)/, (digit) => String((Number(digit) + 1) % 10)),
  ])();
}
