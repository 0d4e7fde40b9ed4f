import { groupNamesOf, type CatalogEngineRequest, type CatalogEngineView } from '@ade/contracts';
import { fromEnv, UsageError, type CliIo } from '../cli-io';
import { commonOptions, oneOf, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';

const usage =
  'ade tenant engine TENANT_ID [--kind embedded | --kind databricks --host URL --http-path PATH (--token-env VAR | --client-id ID --client-secret-env VAR) ' +
  '[--readers GROUP,...] [--phi-readers GROUP,...]] [--api-url URL] [--json]';

/** The request an operator's flags spell; the secret comes from the environment variable they name. */
function engineRequest(values: Record<string, string | boolean | undefined>, io: CliIo): CatalogEngineRequest {
  const kind = oneOf(values.kind as string, ['embedded', 'databricks'], '--kind');
  if (kind === 'embedded') return { kind };
  const host = values.host as string | undefined;
  const httpPath = values['http-path'] as string | undefined;
  if (!host || !httpPath) throw new UsageError(`--kind databricks needs --host and --http-path\nusage: ${usage}`);
  const token = fromEnv(io, values['token-env'] as string | undefined, 'token-env');
  const clientId = values['client-id'] as string | undefined;
  const clientSecret = fromEnv(io, values['client-secret-env'] as string | undefined, 'client-secret-env');
  const access = { readers: groupNamesOf(values.readers as string | undefined), phiReaders: groupNamesOf(values['phi-readers'] as string | undefined) };
  if (token !== undefined && clientId === undefined && clientSecret === undefined) return { kind: 'databricks', host, httpPath, credentials: { token }, access };
  if (token === undefined && clientId !== undefined && clientSecret !== undefined) return { kind: 'databricks', host, httpPath, credentials: { clientId, clientSecret }, access };
  throw new UsageError(`give either --token-env, or --client-id with --client-secret-env\nusage: ${usage}`);
}

function describe(tenantId: string, engine: CatalogEngineView): string[] {
  if (engine.kind === 'embedded') return [`Tenant ${tenantId}: embedded catalog (DuckDB on the workers)`];
  return [
    `Tenant ${tenantId}: Databricks Unity Catalog`,
    `  workspace  ${engine.host}`,
    `  compute    ${engine.httpPath}`,
    `  signs in   ${engine.auth === 'oauth-m2m' ? `OAuth service principal ${engine.clientId}` : 'personal access token'}`,
    `  readers    ${engine.access?.readers.join(', ') || '(none)'}`,
    `  PHI access ${engine.access?.phiReaders.join(', ') || '(none)'}`,
  ];
}

/** Shows or chooses where a tenant's catalog lives (platform operators). */
export const tenantEngineCommand: Command = {
  path: ['tenant', 'engine'],
  usage,
  summary: "Show or choose a tenant's catalog engine: embedded, or its Databricks workspace (platform operators)",
  async run(argv: string[], io: CliIo): Promise<number> {
    const options = {
      ...commonOptions,
      kind: { type: 'string' },
      host: { type: 'string' },
      'http-path': { type: 'string' },
      'token-env': { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret-env': { type: 'string' },
      readers: { type: 'string' },
      'phi-readers': { type: 'string' },
    } as const;
    const { values, positionals } = parse(argv, options, usage);
    const tenantId = requireOne(positionals, 'TENANT_ID', usage);
    const client = await authenticatedClient(io, values['api-url']);
    const path = `/v1/tenants/${encodeURIComponent(tenantId)}/engine`;
    const engine = values.kind === undefined ? await client.get<CatalogEngineView>(path) : await client.put<CatalogEngineView>(path, engineRequest(values, io));
    emit(io, values.json, engine, () => describe(tenantId, engine));
    return 0;
  },
};
