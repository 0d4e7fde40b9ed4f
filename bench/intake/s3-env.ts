import { Secret, type S3LandingLocation } from '@ade/config';

/** The bucket a bench child reads, passed by the parent in the environment (the local server's test keys only). */
export function locationFromEnv(): S3LandingLocation {
  const { BENCH_S3_ENDPOINT: endpoint, BENCH_S3_BUCKET: bucket } = process.env;
  if (!endpoint || !bucket) throw new Error('BENCH_S3_ENDPOINT and BENCH_S3_BUCKET are set by bench-intake');
  return { bucket, prefix: '', region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: new Secret('S3RVER') } };
}
