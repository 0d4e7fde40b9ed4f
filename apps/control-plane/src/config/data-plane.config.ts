import { z } from 'zod';
import { envKeyRing, type KeyEntry } from '@ade/config';

/** A SHA-256 digest as `sha256sum` prints it (lower-case here; upper-case is accepted and lowered). */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * `DATA_PLANE_TOKEN_HASHES=<sha256 hex>[,<sha256 hex>...]`: the data-plane tokens the control
 * plane accepts on its internal routes, stored as digests only, so the environment of the
 * control plane holds nothing a worker could log in with. Several entries let a token be rotated
 * without downtime (add the new digest, roll the workers, remove the old one). Unset: no token is
 * accepted and every internal request is refused. Problems name the entry by position only.
 */
const tokenHashes = z.string().transform((value, ctx): string[] => {
  const digests: string[] = [];
  value.split(',').forEach((raw, index) => {
    const entry = raw.trim().toLowerCase();
    if (!SHA256_HEX.test(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1}: must be the SHA-256 of a data-plane token, 64 hex characters (printf %s "$TOKEN" | sha256sum)`,
      });
      return;
    }
    if (!digests.includes(entry)) digests.push(entry);
  });
  return digests;
});

/**
 * Environment variables of the control plane's dealings with the data plane; merged into the
 * control plane's schema. `QUEUE_SIGNING_KEYS=<id>:<base64 32-byte key>[,...]` seals every job
 * for its tenant and opens every event (docs/security.md); the first key seals, all open.
 */
export const dataPlaneEnvSchema = z.object({ DATA_PLANE_TOKEN_HASHES: tokenHashes.optional(), QUEUE_SIGNING_KEYS: envKeyRing });

export class DataPlaneConfig {
  constructor(
    /** SHA-256 digests (lower-case hex) of the accepted data-plane tokens; empty: none is accepted. */
    readonly tokenHashes: readonly string[],
    /** The platform's queue signing keys, from which each tenant's queue key is derived. Never empty. */
    readonly queueSigningKeys: readonly KeyEntry[],
  ) {}

  static fromEnv(env: z.infer<typeof dataPlaneEnvSchema>): DataPlaneConfig {
    return new DataPlaneConfig(env.DATA_PLANE_TOKEN_HASHES ?? [], env.QUEUE_SIGNING_KEYS);
  }
}
