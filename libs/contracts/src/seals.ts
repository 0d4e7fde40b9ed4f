/**
 * Why a job or event was refused before anything read it: it carried no seal, a seal under a key
 * its receiver does not hold, a seal that does not match what it carries (forged, altered, moved
 * to another tenant's queue or another id), or a seal outside its lifetime (a replay).
 */
export const SEAL_REFUSALS = ['unsealed', 'unknown_key', 'forged', 'expired'] as const;
export type SealRefusal = (typeof SEAL_REFUSALS)[number];
