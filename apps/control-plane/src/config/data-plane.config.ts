import { z } from 'zod';

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

/** Environment variables of the data plane's access to internal routes; merged into the control plane's schema. */
export const dataPlaneEnvSchema = z.object({ DATA_PLANE_TOKEN_HASHES: tokenHashes.optional() });

export class DataPlaneConfig {
  constructor(
    /** SHA-256 digests (lower-case hex) of the accepted data-plane tokens; empty: none is accepted. */
    readonly tokenHashes: readonly string[],
  ) {}

  static fromEnv(env: z.infer<typeof dataPlaneEnvSchema>): DataPlaneConfig {
    return new DataPlaneConfig(env.DATA_PLANE_TOKEN_HASHES ?? []);
  }
}
