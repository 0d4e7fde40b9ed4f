import { describe, expect, it } from 'vitest';
import { connectorCredentialsRequestSchema, connectorCredentialsSchema, connectorName, remoteDirectory, s3SettingsSchema, sftpSecretSchema, sftpSettingsSchema } from './connectors';

const FINGERPRINT = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';
const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

describe('SFTP connector settings', () => {
  it('takes a host, user, absolute directory and pinned host key, with port 22 and no archive by default', () => {
    expect(sftpSettingsSchema.parse({ host: 'sftp.clearinghouse.example', username: 'payer_042', directory: '/outbound/837', hostKeyFingerprint: FINGERPRINT })).toEqual({
      host: 'sftp.clearinghouse.example',
      port: 22,
      username: 'payer_042',
      directory: '/outbound/837',
      hostKeyFingerprint: FINGERPRINT,
      archiveDirectory: null,
    });
    expect(sftpSettingsSchema.parse({ host: '10.0.4.17', port: 2222, username: 'u', directory: '/', hostKeyFingerprint: FINGERPRINT, archiveDirectory: '/done' }).port).toBe(2222);
    expect(sftpSettingsSchema.safeParse({ host: '::1', username: 'u', directory: '/', hostKeyFingerprint: FINGERPRINT }).success).toBe(true);
  });

  it('names each bad field', () => {
    const result = sftpSettingsSchema.safeParse({ host: 'sftp://x.example/in', port: 0, username: 'a b', directory: 'outbound', hostKeyFingerprint: 'MD5:aa:bb', archiveDirectory: '/a/../b', extra: 1 });
    expect(issues(result)).toEqual([
      'host: must be a host name or an IP address, without scheme, port or path',
      'port: Too small: expected number to be >=1',
      'username: must be letters, digits, dots, dashes or underscores',
      'directory: must be an absolute path on the server (starting with /)',
      'hostKeyFingerprint: must be an OpenSSH SHA-256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints)',
      "archiveDirectory: must not contain '..' segments",
      ': Unrecognized key: "extra"',
    ]);
  });

  it('refuses remote directories with NUL, a trailing slash or no leading slash', () => {
    expect(remoteDirectory.safeParse('/in\0').success).toBe(false);
    expect(remoteDirectory.safeParse('/in/').success).toBe(false);
    expect(remoteDirectory.safeParse('/').success).toBe(true);
    expect(remoteDirectory.safeParse('~/in').success).toBe(false);
  });

  it('takes a password or a private key (with an optional passphrase), not both and not neither', () => {
    expect(sftpSecretSchema.safeParse({ password: 'p' }).success).toBe(true);
    expect(sftpSecretSchema.safeParse({ privateKey: 'k', passphrase: 'p' }).success).toBe(true);
    expect(sftpSecretSchema.safeParse({ password: 'p', privateKey: 'k' }).success).toBe(false);
    expect(sftpSecretSchema.safeParse({}).success).toBe(false);
  });
});

describe('S3 connector settings', () => {
  it('defaults to AWS in us-east-1 at the bucket root', () => {
    expect(s3SettingsSchema.parse({ bucket: 'payer-outbound' })).toEqual({ bucket: 'payer-outbound', prefix: '', region: 'us-east-1', endpoint: null, forcePathStyle: false });
  });

  it('refuses a prefix that starts with / or does not end with one, a .. segment and a non-HTTP endpoint', () => {
    expect(issues(s3SettingsSchema.safeParse({ bucket: 'b', prefix: '/in/' }))[0]).toMatch(/^bucket: /);
    expect(s3SettingsSchema.safeParse({ bucket: 'bkt', prefix: '/in/' }).success).toBe(false);
    expect(s3SettingsSchema.safeParse({ bucket: 'bkt', prefix: 'in' }).success).toBe(false);
    expect(s3SettingsSchema.safeParse({ bucket: 'bkt', prefix: 'in/../out/' }).success).toBe(false);
    expect(s3SettingsSchema.safeParse({ bucket: 'bkt', prefix: 'in/2026/' }).success).toBe(true);
    expect(s3SettingsSchema.safeParse({ bucket: 'bkt', endpoint: 'ftp://minio.internal' }).success).toBe(false);
  });
});

describe('connector credentials', () => {
  it('pairs settings and secret of the same kind', () => {
    const settings = { bucket: 'bkt', prefix: '', region: 'us-east-1', endpoint: null, forcePathStyle: false };
    expect(connectorCredentialsSchema.safeParse({ kind: 's3', name: 'payer', settings, secret: { accessKeyId: 'AKIA', secretAccessKey: 's' } }).success).toBe(true);
    expect(connectorCredentialsSchema.safeParse({ kind: 's3', name: 'payer', settings, secret: { password: 'p' } }).success).toBe(false);
  });

  it('are asked for one run or one check, never neither nor both', () => {
    const ids = { tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', connectorId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b' };
    const other = '0b5c2a3e-8f1d-4c7a-9e2b-3d4f5a6b7c8d';
    expect(connectorCredentialsRequestSchema.safeParse({ ...ids, runId: other }).success).toBe(true);
    expect(connectorCredentialsRequestSchema.safeParse({ ...ids, checkId: other }).success).toBe(true);
    expect(issues(connectorCredentialsRequestSchema.safeParse(ids))).toEqual([': must name exactly one of runId, checkId and exportId']);
    expect(connectorCredentialsRequestSchema.safeParse({ ...ids, runId: other, checkId: other }).success).toBe(false);
  });
});

describe('connector field rules, edge by edge', () => {
  const ok = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) => schema.safeParse(value).success;
  const sftp = (settings: Record<string, unknown>) => sftpSettingsSchema.safeParse({ host: 'sftp.example.org', username: 'u', directory: '/', hostKeyFingerprint: FINGERPRINT, ...settings });
  const s3 = (settings: Record<string, unknown>) => s3SettingsSchema.safeParse({ bucket: 'bkt', ...settings });

  it('names connectors with 1-64 lower-case characters, whole', () => {
    expect(ok(connectorName, 'a'.repeat(64))).toBe(true);
    expect(ok(connectorName, 'a'.repeat(65))).toBe(false);
    expect(ok(connectorName, 'Clearinghouse')).toBe(false);
    expect(ok(connectorName, 'clearing house')).toBe(false);
    expect(issues(connectorName.safeParse('-x'))).toEqual([': must be 1-64 lower-case letters, digits, dashes or underscores, starting with a letter or digit']);
  });

  it('takes host names, IPv4, bare and bracketed IPv6, and nothing around them', () => {
    for (const host of ['a', 'x.example.org', '10.0.4.17', '::1', '2001:db8::1', '[::1]', '[2001:db8::1]']) expect(sftp({ host }).success, host).toBe(true);
    for (const host of ['[]', '[zz]', 'a..b', '-a.example', 'host:22', 'user@host', 'host/path', `${'a'.repeat(64)}.org`]) expect(sftp({ host }).success, host).toBe(false);
  });

  it('says why a directory is refused', () => {
    expect(issues(remoteDirectory.safeParse('/in\0'))).toEqual([': must not contain NUL characters']);
    expect(issues(remoteDirectory.safeParse('/in/'))).toEqual([': must not end with /']);
  });

  it('takes exactly an OpenSSH SHA-256 fingerprint', () => {
    expect(sftp({ hostKeyFingerprint: `x${FINGERPRINT}` }).success).toBe(false);
    expect(sftp({ hostKeyFingerprint: `${FINGERPRINT}A` }).success).toBe(false);
  });

  it('takes S3 bucket names, prefixes and regions whole, and says why not', () => {
    expect(issues(s3({ bucket: 'My_Bucket' }))).toEqual(['bucket: must be an S3 bucket name (3-63 lower-case letters, digits, dots or dashes)']);
    expect(s3({ bucket: '!bkt' }).success).toBe(false);
    expect(s3({ bucket: 'bkt!' }).success).toBe(false);
    expect(issues(s3({ prefix: '/in/' }))).toEqual(["prefix: must be empty or end with '/', without a leading '/'"]);
    expect(issues(s3({ prefix: 'in/../' }))).toEqual(["prefix: must not contain '..' segments"]);
    expect(issues(s3({ region: 'us-east-1!' }))).toEqual(['region: must be an AWS region name']);
    expect(s3({ region: '!us-east-1' }).success).toBe(false);
  });

  it('takes an http or https endpoint, and no other scheme', () => {
    expect(s3({ endpoint: 'http://minio.internal:9000' }).success).toBe(true);
    expect(s3({ endpoint: 'https://minio.internal' }).success).toBe(true);
    for (const endpoint of ['xhttp://minio.internal', 'httpsx://minio.internal', 'ftp://minio.internal', `https://minio.internal/${'a'.repeat(2048)}`]) {
      expect(s3({ endpoint }).success, endpoint.slice(0, 30)).toBe(false);
    }
  });

  it('takes secrets of any length from one character', () => {
    expect(sftpSecretSchema.parse({ password: 'correct horse battery staple' })).toEqual({ password: 'correct horse battery staple' });
    expect(sftpSecretSchema.parse({ privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n' })).toMatchObject({ privateKey: expect.stringContaining('b3Blbn') });
    const credentials = { kind: 's3', name: 'payer', settings: s3SettingsSchema.parse({ bucket: 'bkt' }), secret: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' } };
    expect(connectorCredentialsSchema.parse(credentials)).toEqual(credentials);
  });

  it('keeps SFTP credentials whole, each kind with its own settings', () => {
    const credentials = { kind: 'sftp', name: 'clearinghouse', settings: sftpSettingsSchema.parse({ host: 'sftp.example.org', username: 'u', directory: '/out', hostKeyFingerprint: FINGERPRINT }), secret: { password: 'pw-long-enough' } };
    expect(connectorCredentialsSchema.parse(credentials)).toEqual(credentials);
    expect(connectorCredentialsSchema.safeParse({ ...credentials, kind: 's3' }).success).toBe(false);
    expect(issues(connectorCredentialsSchema.safeParse({ ...credentials, kind: 'ftp' }))[0]).toMatch(/^kind: /);
  });
});
