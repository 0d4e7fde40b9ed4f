import { z } from 'zod';
import { ConfigError, envBool, envSecret, envUrl } from './env';
import type { Secret } from './secret';

/** Where tenants' files arrive when it is an S3-compatible bucket: `<prefix>tenants/<tenantId>/landing/`. */
export interface S3LandingLocation {
  bucket: string;
  /** Key prefix under which `tenants/<id>/landing/` lives ('' or ending in '/'). */
  prefix: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, Ceph, a local test server); AWS when absent. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Keys of its own; without them the AWS SDK's default chain (environment, profile, role). */
  credentials?: { accessKeyId: string; secretAccessKey: Secret };
}

/** The landing store's variables, read the same by the worker (downloads) and the control plane (upload URLs). */
export const landingEnvSchema = z.object({
  // s3://bucket or s3://bucket/prefix: tenants' files live under <prefix>/tenants/<id>/landing/ there.
  LANDING_S3_URL: z
    .string()
    .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/, 'must be s3://bucket or s3://bucket/prefix')
    .optional(),
  LANDING_S3_ENDPOINT: envUrl(['http', 'https']).optional(),
  LANDING_S3_REGION: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be a region such as us-east-1').default('us-east-1'),
  LANDING_S3_FORCE_PATH_STYLE: envBool.default(false),
  // Without these the AWS SDK's default chain (environment, profile, instance role) is used.
  LANDING_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  LANDING_S3_SECRET_ACCESS_KEY: envSecret(1).optional(),
});

/** The bucket LANDING_S3_URL names, or null (the worker's disk); the two keys come together or not at all. */
export function landingS3FromEnv(e: z.infer<typeof landingEnvSchema>): S3LandingLocation | null {
  if ((e.LANDING_S3_ACCESS_KEY_ID === undefined) !== (e.LANDING_S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError(['LANDING_S3_SECRET_ACCESS_KEY: must be set together with LANDING_S3_ACCESS_KEY_ID, or neither']);
  }
  if (e.LANDING_S3_URL === undefined) return null;
  const [bucket, ...rest] = e.LANDING_S3_URL.slice('s3://'.length).split('/');
  const prefix = rest.filter(Boolean).join('/');
  return {
    bucket: bucket!,
    prefix: prefix ? `${prefix}/` : '',
    region: e.LANDING_S3_REGION,
    ...(e.LANDING_S3_ENDPOINT !== undefined && { endpoint: e.LANDING_S3_ENDPOINT }),
    forcePathStyle: e.LANDING_S3_FORCE_PATH_STYLE,
    ...(e.LANDING_S3_ACCESS_KEY_ID !== undefined && { credentials: { accessKeyId: e.LANDING_S3_ACCESS_KEY_ID, secretAccessKey: e.LANDING_S3_SECRET_ACCESS_KEY! } }),
  };
}

/** The key prefix of one tenant's landing zone in the bucket. */
export function tenantLandingPrefix(location: S3LandingLocation, tenantId: string): string {
  return `${location.prefix}tenants/${tenantId}/landing/`;
}

/**
 * The S3 client settings of a landing location (the shape `new S3Client(...)` takes), for the
 * worker that reads it and the control plane that signs upload URLs into it.
 */
export function s3ClientOptions(location: S3LandingLocation): {
  region: string;
  forcePathStyle: boolean;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestChecksumCalculation: 'WHEN_REQUIRED';
} {
  const { credentials } = location;
  return {
    // Not every S3-compatible store takes the SDK's default aws-chunked checksum uploads; our own
    // SHA-256 (file checkpoints, export manifests) is what integrity is checked by.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    region: location.region,
    forcePathStyle: location.forcePathStyle,
    ...(location.endpoint && { endpoint: location.endpoint }),
    ...(credentials && { credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey.reveal() } }),
  };
}
