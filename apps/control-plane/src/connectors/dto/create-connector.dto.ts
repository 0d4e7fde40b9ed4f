import { z } from 'zod';
import { connectorName, s3SecretSchema, s3SettingsSchema, sftpSecretSchema, sftpSettingsSchema } from '@ade/contracts';

/**
 * The settings and secret are checked against the schemas of the connector's kind, so a 400
 * names the field (`settings.hostKeyFingerprint`, `secret`); messages never carry a value.
 */
export const createConnectorSchema = z.discriminatedUnion('kind', [
  z.object({ name: connectorName, kind: z.literal('sftp'), settings: sftpSettingsSchema, secret: sftpSecretSchema }).strict(),
  z.object({ name: connectorName, kind: z.literal('s3'), settings: s3SettingsSchema, secret: s3SecretSchema }).strict(),
]);
export type CreateConnectorDto = z.infer<typeof createConnectorSchema>;

export const listConnectorsQuerySchema = z.object({ name: connectorName.optional() }).strict();
export type ListConnectorsQuery = z.infer<typeof listConnectorsQuerySchema>;
