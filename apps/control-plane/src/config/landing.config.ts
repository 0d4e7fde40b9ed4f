import { z } from 'zod';
import { envInt, landingEnvSchema, landingS3FromEnv, type S3LandingLocation } from '@ade/config';

/** The landing store's variables, plus how long an upload URL lasts; merged into the control plane's schema. */
export const landingUploadEnvSchema = landingEnvSchema.extend({
  LANDING_UPLOAD_URL_TTL_SECONDS: envInt(1, 3600).default(900),
  // S3 takes parts of 5 MiB to 5 GiB (the last one smaller).
  LANDING_UPLOAD_PART_MIB: envInt(5, 5120).default(64),
});

export class LandingConfig {
  constructor(
    /** The bucket tenants' files arrive in, or null when they arrive on the workers' disks (no uploads then). */
    readonly s3: S3LandingLocation | null,
    /** How long a presigned upload URL stays valid. */
    readonly uploadUrlTtlSeconds: number,
    /** Files larger than this go up in parts of (at least) this size. */
    readonly uploadPartBytes: number = 64 * 2 ** 20,
  ) {}

  static fromEnv(env: z.infer<typeof landingUploadEnvSchema>): LandingConfig {
    return new LandingConfig(landingS3FromEnv(env), env.LANDING_UPLOAD_URL_TTL_SECONDS, env.LANDING_UPLOAD_PART_MIB * 2 ** 20);
  }
}
