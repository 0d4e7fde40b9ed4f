import { readFileSync } from 'node:fs';
import type { SftpConnector } from '../../apps/data-plane-worker/src/ingestion/landing/sftp-landing-store';

/** The SFTP server a bench child reads, passed by the parent in the environment (a throwaway local sshd and key). */
export function sftpConnectorFromEnv(): SftpConnector {
  const { BENCH_SFTP_HOST: host, BENCH_SFTP_PORT: port, BENCH_SFTP_USER: username, BENCH_SFTP_DIR: directory, BENCH_SFTP_FINGERPRINT: hostKeyFingerprint, BENCH_SFTP_KEY_FILE: keyFile } = process.env;
  if (!host || !port || !username || !directory || !hostKeyFingerprint || !keyFile) throw new Error('BENCH_SFTP_* are set by bench-intake');
  return {
    name: 'bench',
    settings: { host, port: Number(port), username, directory, hostKeyFingerprint, archiveDirectory: null },
    secret: { privateKey: readFileSync(keyFile, 'utf8') },
  };
}
