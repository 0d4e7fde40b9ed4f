import { CliError, UsageError } from '../cli-io';
import { commonOptions, oneOf, parse, positiveSeconds, requireOne, waitFor, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';
import { findConnectorByName } from './connector.command';

const usage = 'ade export TABLE --to CONNECTOR:PATH [--format parquet|csv] [--where SQL] [--no-wait] [--timeout SECONDS] [--api-url URL] [--json]';

interface ExportView {
  id: string;
  status: 'queued' | 'completed' | 'failed';
  table: string;
  path: string;
  format: string;
  rowCount: number | null;
  bytes: number | null;
  sha256: string | null;
  error: { code: string; message: string } | null;
}

/** `CONNECTOR:PATH`, split at the first colon (connector names have none). */
function target(value: string | undefined): { connector: string; path: string } {
  const colon = value?.indexOf(':') ?? -1;
  if (value === undefined || colon <= 0 || colon === value.length - 1) throw new UsageError(`--to must be CONNECTOR:PATH, e.g. payer-bucket:exports/claims.parquet\nusage: ${usage}`);
  return { connector: value.slice(0, colon), path: value.slice(colon + 1) };
}

export const exportCommand: Command = {
  path: ['export'],
  usage,
  summary: "Write a silver or gold table to your own storage through a connector, with a manifest (rows, bytes, SHA-256)",
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...commonOptions, to: { type: 'string' }, format: { type: 'string', default: 'parquet' }, where: { type: 'string' }, 'no-wait': { type: 'boolean', default: false }, timeout: { type: 'string' } },
      usage,
    );
    const table = requireOne(positionals, 'TABLE', usage);
    const { connector: connectorName, path } = target(values.to);
    const format = oneOf(values.format, ['parquet', 'csv'], '--format');
    const client = await authenticatedClient(io, values['api-url']);
    const connector = await findConnectorByName(client, connectorName);
    let view = await client.post<ExportView>('/v1/exports', { table, connectorId: connector.id, path, format, where: values.where ?? null });
    if (!values['no-wait']) {
      view = await waitFor(io, () => client.get<ExportView>(`/v1/exports/${view.id}`), (e) => e.status !== 'queued', positiveSeconds(values.timeout, 'timeout', 300), 'the export');
      if (view.status === 'failed') throw new CliError(`export ${view.id} failed: ${view.error?.code}: ${view.error?.message}`);
    }
    emit(io, values.json, view, () =>
      view.status === 'completed'
        ? [`Exported ${view.table} to ${connectorName}:${view.path} (${view.format})`, `  ${view.rowCount} rows, ${view.bytes} bytes, sha256 ${view.sha256}`, `  manifest ${connectorName}:${view.path}.manifest.json`]
        : [`Export ${view.id} is ${view.status}`],
    );
    return 0;
  },
};
