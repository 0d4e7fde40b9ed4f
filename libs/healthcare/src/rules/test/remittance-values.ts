import { CLAIM_STATUS_CODES } from '../remittance.rules';
import { junk, nearMiss } from './near-miss';
import type { SeededRandom } from './seeded-random';

const GROUPS = ['CO', 'CR', 'OA', 'PI', 'PR'];
const REASONS = ['1', '2', '3', '45', '97', '253', 'A1', 'B7', 'P2', 'W1'];

/** A small money amount, cents most of the time, sometimes odd: many decimals, leading zeros, signs. */
function money(random: SeededRandom): string {
  const cents = random.int(-2_000, 90_000);
  const plain = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  return random.pick([plain, plain, plain, String(random.int(0, 500)), `0${plain.replace('-', '')}`, `${plain}000`, `${random.digits(10)}.${random.digits(8)}`, `${random.digits(11)}.5`, `1.${random.digits(9)}`]);
}

function adjustmentEntry(random: SeededRandom, amount: string = money(random)): string {
  return `${random.pick(GROUPS)}-${random.pick(REASONS)}:${amount}`;
}

export function claimStatusValues(random: SeededRandom): string | null {
  return random.chance(0.08) ? junk(random) : nearMiss(random, [...CLAIM_STATUS_CODES, '5', '0', '24', '01']);
}

export function adjustmentValues(random: SeededRandom): string | null {
  if (random.chance(0.08)) return junk(random);
  const entries = Array.from({ length: random.int(1, 4) }, () => adjustmentEntry(random));
  return nearMiss(random, [entries.join(' '), entries[0]!, `${entries.join('  ')}`, 'CO-45', 'XX-45:1.00', 'CO-1234:1.00', 'co-45:1.00'], 0.4);
}

export function remarkValues(random: SeededRandom): string | null {
  if (random.chance(0.08)) return junk(random);
  const codes = Array.from({ length: random.int(1, 3) }, () => random.pick(['M15', 'MA01', 'MA130', 'N130', 'N4', 'M1', 'N999']));
  return nearMiss(random, [codes.join(' '), 'N', 'MA1', 'X12', 'N1234', 'M15,N130'], 0.4);
}

/** A line's charge, paid amount and adjustments, balanced about half the time. */
export function lineBalanceValues(random: SeededRandom): { charge: string | null; paid: string | null; adjustments: string | null } {
  const charge = random.int(0, 100_000);
  const adjusted = Array.from({ length: random.int(0, 3) }, () => random.int(-500, charge));
  const paid = charge - adjusted.reduce((sum, cents) => sum + cents, 0) + (random.chance(0.5) ? 0 : random.pick([1, -1, 100, 10_000]));
  const text = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  const adjustments = adjusted.length === 0 ? null : adjusted.map((cents) => adjustmentEntry(random, text(cents))).join(' ');
  const odd = () => random.pick<string | null>([null, money(random), junk(random), adjustmentValues(random)]);
  return {
    charge: random.chance(0.1) ? odd() : random.pick([text(charge), `${text(charge)}0`, `00${text(charge)}`]),
    paid: random.chance(0.1) ? odd() : text(paid),
    adjustments: random.chance(0.1) ? odd() : adjustments,
  };
}
