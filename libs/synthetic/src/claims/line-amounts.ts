import type { Random } from '../random/random';

export interface LineAmounts {
  chargeCents: number;
  allowedCents: number;
  paidCents: number;
}

/**
 * Billed, allowed and paid amounts for one line, always paid <= allowed <= charge. Providers bill
 * their own list price; Medicaid allows a fraction of it (its fee schedule), sometimes denies the
 * line (allowed and paid zero) and sometimes takes a small copayment off the payment.
 */
export function drawLineAmounts(random: Random, isLevel2Code: boolean, units: number): LineAmounts {
  // Level II covers drugs and supplies: prices spread wider than office procedures.
  const unitPrice = isLevel2Code ? random.logUniformInt(500, 150_000) : random.logUniformInt(2_500, 45_000);
  const chargeCents = unitPrice * units;
  if (random.chance(0.04)) return { chargeCents, allowedCents: 0, paidCents: 0 };
  const allowedCents = Math.floor(chargeCents * (0.3 + random.next() * 0.55));
  const copayCents = random.chance(0.1) ? Math.min(allowedCents, random.int(100, 400)) : 0;
  return { chargeCents, allowedCents, paidCents: allowedCents - copayCents };
}

/** Mostly one unit; some lines bill several (injections, therapy time units). */
export function drawUnits(random: Random): number {
  const band = random.next();
  if (band < 0.8) return 1;
  if (band < 0.95) return random.int(2, 4);
  return random.int(5, 12);
}
