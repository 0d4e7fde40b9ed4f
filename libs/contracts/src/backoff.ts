/**
 * "Full jitter" (AWS architecture blog, Exponential Backoff and Jitter): after the n-th failed
 * attempt, a uniformly random delay in [0, min(cap, base × 2^(n−1))), so the retries of many runs,
 * deliveries or API calls spread out instead of arriving together. One definition for every
 * retrying part: queued jobs, webhook deliveries, the Databricks REST client.
 */
export function fullJitterDelay(attemptsMade: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.floor(random() * ceiling);
}
