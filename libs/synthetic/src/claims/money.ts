/** Amounts are kept in integer cents so that ordering checks never meet a rounding error. */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  const fraction = cents % 100;
  return `${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** Inverse of formatCents for the two-decimal strings this generator writes. */
export function centsOf(amount: string): number {
  return Math.round(Number(amount) * 100);
}
