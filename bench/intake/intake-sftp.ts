import { SftpLandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/sftp-landing-store';
import { sftpConnectorFromEnv } from './sftp-env';

/** A run's intake from a connector: the worker's SFTP store checks the host key, lists the source and downloads it, hashing as it streams. */
async function main(): Promise<void> {
  const [sourcePath, scratchDir] = process.argv.slice(2) as [string, string];
  const files = await new SftpLandingStore(sftpConnectorFromEnv()).discover({ tenantId: '', sourcePath, format: 'csv', scratchDir });
  process.stdout.write(JSON.stringify({ files: files.length, bytes: files.reduce((sum, f) => sum + f.sizeBytes, 0) }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
