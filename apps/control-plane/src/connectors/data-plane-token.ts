import { createHash, timingSafeEqual } from 'node:crypto';

/** Longer bearer values are refused unhashed: no token this system issues comes near it. */
const MAX_TOKEN_LENGTH = 512;

/**
 * The data-plane token an `Authorization: Bearer <token>` header presents, checked against the
 * accepted SHA-256 digests (DATA_PLANE_TOKEN_HASHES). Every digest is compared, in constant time,
 * whatever matched before. Returns an id of the matching token (the first 12 hex characters of
 * its digest, for the audit trail: it names which token without revealing it), or null.
 */
export function acceptedDataPlaneToken(authorization: string | undefined, acceptedHashes: readonly string[]): string | null {
  if (acceptedHashes.length === 0 || authorization === undefined) return null;
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let accepted: string | null = null;
  for (const hash of acceptedHashes) {
    const expected = Buffer.from(hash, 'hex');
    if (expected.length === presented.length && timingSafeEqual(presented, expected) && accepted === null) accepted = hash;
  }
  return accepted === null ? null : accepted.slice(0, 12);
}
