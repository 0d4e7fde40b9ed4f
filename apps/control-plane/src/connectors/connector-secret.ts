import type { S3Secret, SftpSecret } from '@ade/contracts';

export const CONNECTOR_SECRET_TYPES = ['password', 'privateKey', 'accessKey'] as const;
export type ConnectorSecretType = (typeof CONNECTOR_SECRET_TYPES)[number];

/** Values shorter than this show no hint at all: 4 characters of a short password are too much of it. */
export const MIN_HINTED_LENGTH = 12;

/** Twelve stars and the hint: enough to tell two credentials apart, never enough to use one. */
export function maskedSecret(hint: string | null): string {
  return `${'*'.repeat(12)}${(hint ?? '').slice(-4)}`;
}

export function secretTypeOf(secret: SftpSecret | S3Secret): ConnectorSecretType {
  if ('accessKeyId' in secret) return 'accessKey';
  return 'privateKey' in secret ? 'privateKey' : 'password';
}

/**
 * The last 4 characters of the secret's main value, kept apart for the masked view: a password's;
 * a private key's encoded body (not the `-----END ...-----` armor every key ends with); an S3
 * key pair's access key id (the public half, which AWS consoles show too). Null when the value is
 * shorter than MIN_HINTED_LENGTH.
 */
export function secretHintOf(secret: SftpSecret | S3Secret): string | null {
  const main = 'accessKeyId' in secret ? secret.accessKeyId : 'privateKey' in secret ? keyBody(secret.privateKey) : secret.password;
  return main.length >= MIN_HINTED_LENGTH ? main.slice(-4) : null;
}

/** A PEM or OpenSSH key without its armor lines, header lines (`Proc-Type: ...`) and whitespace. */
function keyBody(key: string): string {
  return key
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('-----') && !line.includes(':'))
    .join('');
}
