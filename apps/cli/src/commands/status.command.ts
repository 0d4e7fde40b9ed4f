import { ApiClient } from '../api-client';
import type { CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit } from '../output';
import { apiUrlFor, authenticatedClient } from '../session';

const usage = 'ade status [--api-url URL] [--json]';

interface Me {
  email: string;
  role: string;
  tenantId: string | null;
}

interface Catalog {
  name: string;
  status: string;
  error: string | null;
}

export const statusCommand: Command = {
  path: ['status'],
  usage,
  summary: 'Show the API health, who you are and your catalog',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, commonOptions, usage);
    const apiUrl = await apiUrlFor(io, values['api-url']);
    const health = await new ApiClient(apiUrl, null).get<{ status: string; database: string; queue: string }>('/v1/health');
    const client = await authenticatedClient(io, values['api-url']);
    const me = await client.get<Me>('/v1/auth/me');
    const catalog = me.tenantId ? await client.get<Catalog>('/v1/catalog') : null;
    emit(io, values.json, { apiUrl, health, user: me, catalog }, () => [
      `API      ${apiUrl} (${health.status}; database ${health.database}, queue ${health.queue})`,
      `User     ${me.email} (${me.role})`,
      catalog ? `Catalog  ${catalog.name}: ${catalog.status}${catalog.error ? ` (${catalog.error})` : ''}` : 'Catalog  - (platform operators have no tenant catalog)',
    ]);
    return 0;
  },
};
