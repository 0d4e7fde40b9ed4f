import { readFile } from 'node:fs/promises';
import type { ListedFile } from '@ade/contracts';
import type { ApiClient } from '../api-client';
import { CliError, fromEnv, UsageError, type CliIo } from '../cli-io';
import { commonOptions, oneOf, parse, positiveSeconds, requireOne, waitFor, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

interface ConnectorView {
  id: string;
  name: string;
  kind: 'sftp' | 's3';
  settings: Record<string, unknown>;
  secret: { type: string; masked: string };
}

interface ConnectorCheck {
  id: string;
  status: 'queued' | 'reported' | 'failed';
  fileCount: number | null;
  totalBytes: number | null;
  files: ListedFile[] | null;
  error: { code: string; message: string } | null;
}

const createUsage =
  'ade connector create NAME --type sftp --host HOST [--port 22] --user USER --directory /PATH --host-key SHA256:... ' +
  '[--archive-directory /PATH] (--private-key-file FILE [--passphrase-env VAR] | --password-env VAR)\n' +
  '       ade connector create NAME --type s3 --bucket BUCKET [--prefix P/] [--region R] [--endpoint URL] [--force-path-style] ' +
  '--access-key-id ID --secret-access-key-env VAR   [--api-url URL] [--json]';

/** A secret never comes from the command line (it would sit in the shell's history and in `ps`): from a file or a named variable. */
async function sftpBody(values: Record<string, string | boolean | undefined>, io: CliIo) {
  const keyFile = values['private-key-file'] as string | undefined;
  const password = fromEnv(io, values['password-env'] as string | undefined, 'password-env');
  if ((keyFile === undefined) === (password === undefined)) throw new UsageError(`give exactly one of --private-key-file and --password-env\nusage: ${createUsage}`);
  const passphrase = fromEnv(io, values['passphrase-env'] as string | undefined, 'passphrase-env');
  const privateKey = keyFile === undefined ? undefined : await readFile(keyFile, 'utf8').catch(() => {
    throw new CliError(`cannot read the private key file ${keyFile}`);
  });
  return {
    settings: {
      host: values.host,
      ...(values.port !== undefined && { port: Number(values.port) }),
      username: values.user,
      directory: values.directory,
      hostKeyFingerprint: values['host-key'],
      ...(values['archive-directory'] !== undefined && { archiveDirectory: values['archive-directory'] }),
    },
    secret: privateKey !== undefined ? { privateKey, ...(passphrase !== undefined && { passphrase }) } : { password },
  };
}

function s3Body(values: Record<string, string | boolean | undefined>, io: CliIo) {
  return {
    settings: {
      bucket: values.bucket,
      ...(values.prefix !== undefined && { prefix: values.prefix }),
      ...(values.region !== undefined && { region: values.region }),
      ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
      forcePathStyle: values['force-path-style'] === true,
    },
    secret: { accessKeyId: values['access-key-id'], secretAccessKey: fromEnv(io, values['secret-access-key-env'] as string | undefined, 'secret-access-key-env') },
  };
}

function describe(connector: ConnectorView): string[] {
  const s = connector.settings;
  const where = connector.kind === 'sftp' ? `sftp://${s['username']}@${s['host']}:${s['port']}${s['directory']}` : `s3://${s['bucket']}/${s['prefix'] ?? ''}`;
  return [`Connector ${connector.name} (${connector.id})`, `  ${where}`, `  ${connector.secret.type} ${connector.secret.masked}`];
}

export const connectorCreateCommand: Command = {
  path: ['connector', 'create'],
  usage: createUsage,
  summary: "Add an SFTP server or S3 bucket your files come from (credentials stored encrypted, shown masked)",
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...commonOptions,
        type: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        user: { type: 'string' },
        directory: { type: 'string' },
        'host-key': { type: 'string' },
        'archive-directory': { type: 'string' },
        'private-key-file': { type: 'string' },
        'passphrase-env': { type: 'string' },
        'password-env': { type: 'string' },
        bucket: { type: 'string' },
        prefix: { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        'force-path-style': { type: 'boolean', default: false },
        'access-key-id': { type: 'string' },
        'secret-access-key-env': { type: 'string' },
      },
      createUsage,
    );
    const name = requireOne(positionals, 'connector NAME', createUsage);
    const kind = oneOf(values.type, ['sftp', 's3'], '--type');
    const body = kind === 'sftp' ? await sftpBody(values, io) : s3Body(values, io);
    const client = await authenticatedClient(io, values['api-url']);
    const connector = await client.post<ConnectorView>('/v1/connectors', { name, kind, ...body });
    emit(io, values.json, connector, () => describe(connector));
    return 0;
  },
};

const listUsage = 'ade connector list [--api-url URL] [--json]';

export const connectorListCommand: Command = {
  path: ['connector', 'list'],
  usage: listUsage,
  summary: "List your tenant's connectors (credentials masked)",
  async run(argv, io) {
    const { values, positionals } = parse(argv, commonOptions, listUsage);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\nusage: ${listUsage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const { items } = await client.get<{ items: ConnectorView[] }>('/v1/connectors');
    emit(io, values.json, items, () =>
      items.length === 0 ? ['No connectors yet; add one with `ade connector create`'] : table([['NAME', 'TYPE', 'WHERE', 'SECRET'], ...items.map((c) => [c.name, c.kind, describe(c)[1]!.trim(), c.secret.masked])]),
    );
    return 0;
  },
};

const testUsage = 'ade connector test NAME [--timeout SECONDS] [--api-url URL] [--json]';

export const connectorTestCommand: Command = {
  path: ['connector', 'test'],
  usage: testUsage,
  summary: 'Log in with a connector, as a run would, and list the files it would pick up (exit 1 if it cannot)',
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...commonOptions, timeout: { type: 'string' } }, testUsage);
    const name = requireOne(positionals, 'connector NAME', testUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const connector = await findConnectorByName(client, name);
    const queued = await client.post<ConnectorCheck>(`/v1/connectors/${connector.id}/checks`, {});
    const check = await waitFor(io, () => client.get<ConnectorCheck>(`/v1/connectors/${connector.id}/checks/${queued.id}`), (c) => c.status !== 'queued', positiveSeconds(values.timeout, 'timeout', 60), 'the connector check');
    if (check.status === 'failed') throw new CliError(`connector ${name}: ${check.error?.message ?? 'the check failed'}`);
    const files = check.files ?? [];
    emit(io, values.json, check, () => [
      `Connector ${name}: logged in; ${check.fileCount} file(s), ${check.totalBytes} bytes`,
      ...(files.length ? ['', ...table([['FILE', 'BYTES'], ...files.map((f) => [f.name, String(f.sizeBytes)])])] : []),
      ...((check.fileCount ?? 0) > files.length ? [`  ... and ${(check.fileCount ?? 0) - files.length} more`] : []),
    ]);
    return 0;
  },
};

const deleteUsage = 'ade connector delete NAME [--api-url URL] [--json]';

export const connectorDeleteCommand: Command = {
  path: ['connector', 'delete'],
  usage: deleteUsage,
  summary: 'Delete a connector no pipeline uses, with its stored credentials',
  async run(argv, io) {
    const { values, positionals } = parse(argv, commonOptions, deleteUsage);
    const name = requireOne(positionals, 'connector NAME', deleteUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const connector = await findConnectorByName(client, name);
    await client.delete(`/v1/connectors/${connector.id}`);
    emit(io, values.json, { deleted: name }, () => [`Deleted connector ${name}`]);
    return 0;
  },
};

export async function findConnectorByName(client: ApiClient, name: string): Promise<ConnectorView> {
  const { items } = await client.get<{ items: ConnectorView[] }>('/v1/connectors');
  const connector = items.find((c) => c.name === name);
  if (!connector) throw new CliError(`no connector named '${name}'; see \`ade connector list\``);
  return connector;
}
