import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  status: 'active' | 'revoked' | 'expired';
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const SCOPES = ['read', 'write'];

const createUsage = 'ade apikey create NAME --scopes read[,write] [--expires-in-days N] [--api-url URL] [--json]';

/** `read,write` → ['read', 'write']; anything outside the known scopes is a usage error. */
export function parseScopes(value: string | undefined): string[] {
  if (!value) throw new UsageError(`--scopes is required\nusage: ${createUsage}`);
  const scopes = value.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  const unknown = scopes.filter((scope) => !SCOPES.includes(scope));
  if (scopes.length === 0 || unknown.length > 0) throw new UsageError(`--scopes takes ${SCOPES.join(', ')} separated by commas\nusage: ${createUsage}`);
  return [...new Set(scopes)];
}

function expiresInDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1) throw new UsageError(`--expires-in-days must be a whole number of days, 1 or more\nusage: ${createUsage}`);
  return days;
}

export const apikeyCreateCommand: Command = {
  path: ['apikey', 'create'],
  usage: createUsage,
  summary: 'Create an API key for a machine client (prints the key once)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const options = { ...commonOptions, scopes: { type: 'string' }, 'expires-in-days': { type: 'string' } } as const;
    const { values, positionals } = parse(argv, options, createUsage);
    const name = requireOne(positionals, 'NAME', createUsage);
    const body = { name, scopes: parseScopes(values.scopes), expiresInDays: expiresInDays(values['expires-in-days']) };
    const client = await authenticatedClient(io, values['api-url']);
    const created = await client.post<ApiKey & { key: string }>('/v1/api-keys', body);
    emit(io, values.json, created, () => [
      `API key ${created.name} (${created.id})`,
      `Scopes   ${created.scopes.join(', ')}`,
      `Expires  ${created.expiresAt ?? 'never (until revoked)'}`,
      `Key      ${created.key}`,
      '  (shown this once: store it now; clients send it as `Authorization: Bearer <key>` or set ADE_API_KEY)',
    ]);
    return 0;
  },
};

const listUsage = 'ade apikey list [--api-url URL] [--json]';

export const apikeyListCommand: Command = {
  path: ['apikey', 'list'],
  usage: listUsage,
  summary: "List your tenant's API keys (never their secrets)",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, listUsage);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\nusage: ${listUsage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const { items } = await client.get<{ items: ApiKey[] }>('/v1/api-keys');
    emit(io, values.json, items, () =>
      items.length === 0
        ? ['No API keys yet; create one with `ade apikey create`']
        : table([
            ['ID', 'NAME', 'PREFIX', 'SCOPES', 'STATUS', 'EXPIRES', 'LAST USED'],
            ...items.map((k) => [k.id, k.name, k.prefix, k.scopes.join(','), k.status, k.expiresAt ?? '-', k.lastUsedAt ?? '-']),
          ]),
    );
    return 0;
  },
};

const revokeUsage = 'ade apikey revoke ID [--api-url URL] [--json]';

export const apikeyRevokeCommand: Command = {
  path: ['apikey', 'revoke'],
  usage: revokeUsage,
  summary: 'Revoke an API key at once (it stays listed as revoked)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, revokeUsage);
    const id = requireOne(positionals, 'ID', revokeUsage);
    const client = await authenticatedClient(io, values['api-url']);
    await client.delete(`/v1/api-keys/${encodeURIComponent(id)}`);
    emit(io, values.json, { id, status: 'revoked' }, () => [`Revoked API key ${id}`]);
    return 0;
  },
};
