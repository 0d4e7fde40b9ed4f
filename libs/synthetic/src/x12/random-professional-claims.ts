import { npiCheckDigit } from '@ade/healthcare';
import type { Random } from '../random/random';
import type { Professional837Claim } from './professional-837';

const DIAGNOSES = ['E11.9', 'I10', 'J06.9', 'M54.50', 'Z00.00', 'F41.1', 'K21.9', 'R51.9', 'N39.0', 'E78.5', 'J45.909', 'S93.401A'];
const PROCEDURES = ['99213', '99214', '99203', '36415', '97110', 'G0008', 'J1100', '80053', '93000', '90471'];
const MODIFIERS = ['25', '59', 'GP', 'QW', 'LT', 'RT'];
const PLACES = ['11', '12', '22', '02', '49'];
const NAMES = ['DOE', 'ROE', 'POE', 'LEE', 'KIM', 'DIAZ', "O'NEIL"];
const PAYERS = ['STATE MEDICAID', 'MEDICAID MCO ONE', 'HEALTH PLAN B'];

const pick = <T>(random: Random, values: readonly T[]): T => values[random.int(0, values.length - 1)]!;
const npi = (random: Random) => {
  const first9 = `1${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  return `${first9}${npiCheckDigit(first9)}`;
};
const day = (random: Random, from: number, span: number) => new Date(Date.UTC(from, 0, 1) + random.int(0, span) * 86_400_000).toISOString().slice(0, 10);

/** Claims with every mapped field drawn at random, valid as the 837P guide and the rules want them. */
export function randomProfessionalClaims(random: Random, count: number): Professional837Claim[] {
  const billers = Array.from({ length: random.int(1, 3) }, () => npi(random));
  return Array.from({ length: count }, (_, n) => {
    const diagnoses = [...new Set(Array.from({ length: random.int(1, 12) }, () => pick(random, DIAGNOSES)))];
    return {
      claimId: `PCN${String(n + 1).padStart(5, '0')}`,
      memberId: `MCD${String(random.int(0, 999_999)).padStart(6, '0')}`,
      patient: { firstName: pick(random, NAMES), lastName: pick(random, NAMES), birthDate: day(random, 1940, 80 * 365), gender: pick(random, ['F', 'M', 'U'] as const) },
      payer: pick(random, PAYERS),
      billingNpi: pick(random, billers),
      renderingNpi: random.chance(0.6) ? npi(random) : null,
      diagnoses,
      lines: Array.from({ length: random.int(1, 6) }, () => {
        const start = day(random, 2024, 300);
        const end = random.chance(0.2) ? day(random, 2025, 30) : start;
        return {
          hcpcs: pick(random, PROCEDURES),
          modifiers: [...new Set(Array.from({ length: random.int(0, 2) }, () => pick(random, MODIFIERS)))],
          start,
          end,
          placeOfService: pick(random, PLACES),
          units: String(random.int(1, 12)),
          charge: `${random.int(1, 2_000)}.${String(random.int(0, 99)).padStart(2, '0')}`,
        };
      }),
    };
  });
}
