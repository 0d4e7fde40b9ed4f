import type { CliIo } from '../cli-io';
import { UsageError } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

const usage = 'ade cost report [--monthly] [--month YYYY-MM] [--pipeline NAME] [--tenant TENANT_ID] [--api-url URL] [--json]';

interface Totals {
  runs: number;
  cpuSeconds: number;
  databricksHours: number;
  bytesRead: number;
  bytesSkipped: number;
  rowsRead: number;
  rowsWritten: number;
  costUsd: number;
  sharedRuns: number;
}

interface Saving {
  usd: number;
  method: string;
}

interface CostReport {
  groupBy: 'pipeline' | 'month' | 'tenant';
  period: { months: string[] };
  rows: Array<Totals & { key: string; label: string | null }>;
  total: Totals;
  savings: { skippedFiles: Saving & { bytesSkipped: number }; spot: Saving; autoTermination: Saving };
  pricing: string;
}

const usd = (value: number) => `$${value.toFixed(value !== 0 && value < 0.01 ? 6 : 2)}`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function describe(report: CostReport): string[] {
  const months = report.period.months;
  const heading = report.groupBy === 'pipeline' ? 'PIPELINE' : report.groupBy === 'month' ? 'MONTH' : 'TENANT';
  const rows = report.rows.map((row) => [row.label ?? row.key, count(row.runs), row.cpuSeconds.toFixed(1), row.databricksHours.toFixed(2), mib(row.bytesRead), count(row.rowsWritten), usd(row.costUsd)]);
  const { total, savings } = report;
  return [
    `Costs ${months.length === 1 ? months[0] : `${months[0]} to ${months.at(-1)}`} (USD)`,
    ...(rows.length === 0
      ? ['No priced runs in the period']
      : table([[heading, 'RUNS', 'CPU S', 'DBX HOURS', 'READ', 'ROWS WRITTEN', 'COST'], ...rows, ['total', count(total.runs), total.cpuSeconds.toFixed(1), total.databricksHours.toFixed(2), mib(total.bytesRead), count(total.rowsWritten), usd(total.costUsd)]])),
    '',
    'Savings',
    `  files skipped as already ingested  ${usd(savings.skippedFiles.usd)}  (${savings.skippedFiles.method})`,
    `  spot workers                       ${usd(savings.spot.usd)}  (${savings.spot.method})`,
    `  auto-termination                   ${usd(savings.autoTermination.usd)}  (${savings.autoTermination.method})`,
    '',
    `Priced by: ${report.pricing}`,
    ...(total.sharedRuns > 0 ? [`${total.sharedRuns} run(s) shared their worker with other jobs: their CPU, and cost, is an upper bound`] : []),
  ];
}

/** Cost per pipeline or month of your tenant (operators: per tenant), with the savings and how each figure was computed. */
export const costReportCommand: Command = {
  path: ['cost', 'report'],
  usage,
  summary: 'Show what runs cost per pipeline (or month, with --monthly) and what skipped files, spot and auto-termination saved',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(argv, { ...commonOptions, monthly: { type: 'boolean', default: false }, month: { type: 'string' }, pipeline: { type: 'string' }, tenant: { type: 'string' } }, usage);
    if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) throw new UsageError(`--month must be a month as YYYY-MM\n${usage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const query = new URLSearchParams();
    if (values.monthly) query.set('monthly', 'true');
    if (values.month) query.set('month', values.month);
    if (values.pipeline) query.set('pipeline', (await findPipelineByName(client, values.pipeline)).id);
    if (values.tenant) query.set('tenantId', values.tenant);
    const report = await client.get<CostReport>(`/v1/costs${query.size > 0 ? `?${query}` : ''}`);
    emit(io, values.json, report, () => describe(report));
    return 0;
  },
};
