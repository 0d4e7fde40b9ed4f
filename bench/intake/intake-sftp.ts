import { SftpLandingStore } from '../../apps/data-plane-worker/src/ingestion/landing/sftp-landing-store';
import { sftpConnectorFromEnv } from './sftp-env';
import { landInBronze } from './land-bronze';

/** A run's intake from a connector (and, with `bronze` as the last argument, its landing in bronze): the worker's SFTP store checks the host key, lists the source and downloads it, hashing as it streams. */
async function main(): Promise<void> {
  const [sourcePath, scratchDir, then] = process.argv.slice(2) as [string, string, string | undefined];
  const files = await new SftpLandingStore(sftpConnectorFromEnv()).discover({ tenantId: '', sourcePath, format: 'csv', scratchDir });
  const rows = then === 'bronze' ? await landInBronze(files, scratchDir) : null;
  process.stdout.write(JSON.stringify({ files: files.length, bytes: files.reduce((sum, f) => sum + f.sizeBytes, 0), rows }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
