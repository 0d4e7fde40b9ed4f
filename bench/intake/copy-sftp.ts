import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import SftpClient from 'ssh2-sftp-client';
import { sftpConnectorFromEnv } from './sftp-env';

/** The baseline: the same file copied to a local file by the same SFTP client (same host key check), nothing else. */
async function main(): Promise<void> {
  const [remotePath, target] = process.argv.slice(2) as [string, string];
  const { settings, secret } = sftpConnectorFromEnv();
  const sftp = new SftpClient('bench-copy', { error: () => undefined, end: () => undefined, close: () => undefined });
  await sftp.connect({
    host: settings.host,
    port: settings.port,
    username: settings.username,
    privateKey: 'privateKey' in secret ? secret.privateKey : '',
    hostVerifier: (key: Buffer) => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}` === settings.hostKeyFingerprint,
  });
  await pipeline(sftp.createReadStream(posix.join(settings.directory, remotePath)), createWriteStream(target));
  await sftp.end();
  process.stdout.write('{}');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
