import { z } from 'zod';

/** Where a pipeline's files can come from besides the tenant's landing zone. */
export const CONNECTOR_KINDS = ['sftp', 's3'] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];

export const connectorName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be 1-64 lower-case letters, digits, dashes or underscores, starting with a letter or digit');

/** A DNS name or an IP literal; no scheme, port, path or user part. */
const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+|[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/, 'must be a host name or an IP address, without scheme, port or path');

/** An absolute POSIX directory on the remote server, without `..`, NUL or trailing slash (but `/`). */
export const remoteDirectory = z
  .string()
  .max(1024)
  .superRefine((path, ctx) => {
    if (!path.startsWith('/')) ctx.addIssue({ code: 'custom', message: 'must be an absolute path on the server (starting with /)' });
    else if (path.includes('\0')) ctx.addIssue({ code: 'custom', message: 'must not contain NUL characters' });
    else if (path.split('/').includes('..')) ctx.addIssue({ code: 'custom', message: "must not contain '..' segments" });
    else if (path.length > 1 && path.endsWith('/')) ctx.addIssue({ code: 'custom', message: 'must not end with /' });
  });

/** OpenSSH's SHA-256 host key fingerprint, as `ssh-keygen -lf` prints it. */
export const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

export const sftpSettingsSchema = z
  .object({
    host: hostName,
    port: z.number().int().min(1).max(65535).default(22),
    username: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'must be letters, digits, dots, dashes or underscores'),
    /** The server directory a pipeline's source path is resolved under; nothing outside it is read. */
    directory: remoteDirectory,
    /** The server's host key, pinned: a server presenting any other key is never logged in to. */
    hostKeyFingerprint: z.string().regex(SSH_FINGERPRINT, 'must be an OpenSSH SHA-256 fingerprint (SHA256: and 43 base64 characters, as ssh-keygen -lf prints)'),
    /** Where a landed file is moved on the server, or null to leave files in place. */
    archiveDirectory: remoteDirectory.nullable().default(null),
  })
  .strict();
export type SftpSettings = z.infer<typeof sftpSettingsSchema>;

export const s3SettingsSchema = z
  .object({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, dots or dashes)'),
    /** The key prefix a pipeline's source path is resolved under, '' or ending with '/'. */
    prefix: z
      .string()
      .max(512)
      .regex(/^([^/\0][^\0]*\/)?$/, "must be empty or end with '/', without a leading '/'")
      .refine((prefix) => !prefix.split('/').includes('..'), "must not contain '..' segments")
      .default(''),
    region: z.string().regex(/^[a-z0-9-]{2,32}$/, 'must be an AWS region name').default('us-east-1'),
    /** An S3-compatible service's URL; left out for AWS itself. */
    endpoint: z.url({ protocol: /^https?$/ }).max(2048).nullable().default(null),
    forcePathStyle: z.boolean().default(false),
  })
  .strict();
export type S3Settings = z.infer<typeof s3SettingsSchema>;

export const sftpSecretSchema = z.union([
  z.object({ password: z.string().min(1).max(1024) }).strict(),
  z.object({ privateKey: z.string().min(1).max(16384), passphrase: z.string().max(1024).optional() }).strict(),
]);
export type SftpSecret = z.infer<typeof sftpSecretSchema>;

export const s3SecretSchema = z
  .object({ accessKeyId: z.string().min(1).max(128), secretAccessKey: z.string().min(1).max(1024) })
  .strict();
export type S3Secret = z.infer<typeof s3SecretSchema>;

/**
 * What a worker gets from the control plane, by reference, when a job of its needs a connector:
 * never in a job, an event or a log.
 */
export const connectorCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sftp'), name: connectorName, settings: sftpSettingsSchema, secret: sftpSecretSchema }).strict(),
  z.object({ kind: z.literal('s3'), name: connectorName, settings: s3SettingsSchema, secret: s3SecretSchema }).strict(),
]);
export type ConnectorCredentials = z.infer<typeof connectorCredentialsSchema>;

/** What the worker asks for, and for which queued work: credentials are released only for a job the control plane queued. */
export const connectorCredentialsRequestSchema = z
  .object({
    tenantId: z.uuid(),
    connectorId: z.uuid(),
    /** The run, connector check or export the worker holds. */
    runId: z.uuid().optional(),
    checkId: z.uuid().optional(),
    exportId: z.uuid().optional(),
  })
  .strict()
  .refine((request) => [request.runId, request.checkId, request.exportId].filter((id) => id !== undefined).length === 1, 'must name exactly one of runId, checkId and exportId');
export type ConnectorCredentialsRequest = z.infer<typeof connectorCredentialsRequestSchema>;

/** A file a connector check saw: what a run of the connector's root would consider. */
export const listedFileSchema = z.object({ name: z.string().min(1).max(1024), sizeBytes: z.number().int().nonnegative() }).strict();
export type ListedFile = z.infer<typeof listedFileSchema>;

/** How many file names a check reports back; the count and bytes cover them all. */
export const CHECK_LISTING_LIMIT = 100;
