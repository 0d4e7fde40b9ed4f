import { S3LandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/s3-landing-store';
import { locationFromEnv } from './s3-env';
import { landInBronze } from './land-bronze';

/** A run's intake (and, with `bronze` as the last argument, its landing in bronze): the worker's S3 landing store lists the tenant's source and downloads it, hashing and checking as it streams. */
async function main(): Promise<void> {
  const [tenantId, sourcePath, scratchDir, then] = process.argv.slice(2) as [string, string, string, string | undefined];
  const files = await new S3LandingStore(locationFromEnv()).discover({ tenantId, sourcePath, format: 'csv', scratchDir });
  const rows = then === 'bronze' ? await landInBronze(files, scratchDir) : null;
  process.stdout.write(JSON.stringify({ files: files.length, bytes: files.reduce((sum, f) => sum + f.sizeBytes, 0), rows }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
