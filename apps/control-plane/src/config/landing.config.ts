import { z } from 'zod';
import { envInt, landingEnvSchema, landingS3FromEnv, type S3LandingLocation } from '@ade/config';

/** The landing store's variables, plus how long an upload URL lasts; merged into the control plane's schema. */
export const landingUploadEnvSchema = landingEnvSchema.extend({
  LANDING_UPLOAD_URL_TTL_SECONDS: envInt(1, 3600).default(900),
});

export class LandingConfig {
  constructor(
    /** The bucket tenants' files arrive in, or null when they arrive on the workers' disks (no uploads then). */
    readonly s3: S3LandingLocation | null,
    /** How long a presigned upload URL stays valid. */
    readonly uploadUrlTtlSeconds: number,
  ) {}

  static fromEnv(env: z.infer<typeof landingUploadEnvSchema>): LandingConfig {
    return new LandingConfig(landingS3FromEnv(env), env.LANDING_UPLOAD_URL_TTL_SECONDS);
  }
}
