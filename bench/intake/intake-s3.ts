import { S3LandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/s3-landing-store';
import { locationFromEnv } from './s3-env';

/** A run's intake: the worker's S3 landing store lists the tenant's source and downloads it, hashing and checking as it streams. */
async function main(): Promise<void> {
  const [tenantId, sourcePath, scratchDir] = process.argv.slice(2) as [string, string, string];
  const files = await new S3LandingStore(locationFromEnv()).discover({ tenantId, sourcePath, format: 'csv', scratchDir });
  process.stdout.write(JSON.stringify({ files: files.length, bytes: files.reduce((sum, f) => sum + f.sizeBytes, 0) }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
