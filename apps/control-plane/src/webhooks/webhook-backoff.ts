/**
 * "Full jitter" (AWS architecture blog, Exponential Backoff and Jitter): after the n-th failed
 * attempt, a uniformly random delay in [0, min(cap, base × 2^(n−1))), so the retries of many
 * deliveries to a receiver that was down spread out instead of arriving together.
 */
export function fullJitterDelay(attemptsMade: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(random() * ceiling);
}

/** No wait between two attempts of a delivery exceeds this, however many attempts are configured. */
export const WEBHOOK_BACKOFF_CAP_MS = 3_600_000;
