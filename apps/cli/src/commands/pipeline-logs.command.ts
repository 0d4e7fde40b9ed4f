import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

const usage = 'ade pipeline logs NAME [--lines N] [--api-url URL] [--json]';

interface Incident {
  runId: string;
  attempt: number;
  failureClass: string;
  error: { code: string; message: string };
  action: string;
  file: string | null;
  outcome: string;
  occurredAt: string;
}

interface Drift {
  runId: string;
  file: string;
  mode: string;
  decision: string;
  changes: Array<{ kind: string; column: string; previousColumn?: string; fromType?: string; toType?: string }>;
  occurredAt: string;
}

interface QualityReport {
  runId: string;
  table: string;
  measuredAt: string;
  layout: { id: string; name: string } | null;
}

interface Summary {
  total: number;
  resolved: number;
  unresolved: number;
  pending: number;
  autoResolutionRate: number | null;
}

type Entry = { at: string; line: string };

export const pipelineLogsCommand: Command = {
  path: ['pipeline', 'logs'],
  usage,
  summary: 'Show what the agents did: incidents (failure, class, action, outcome), schema drift, and the layout files were read as',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, lines: { type: 'string', default: '50' } }, usage);
    const name = requireOne(positionals, 'pipeline NAME', usage);
    const lines = Number(values.lines);
    if (!Number.isInteger(lines) || lines < 1 || lines > 500) throw new UsageError('--lines must be a whole number from 1 to 500');
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, name);
    const [incidents, drift, quality] = await Promise.all([
      client.get<{ summary: Summary; items: Incident[] }>(`/v1/pipelines/${pipeline.id}/incidents?limit=${lines}`),
      client.get<{ items: Drift[] }>(`/v1/pipelines/${pipeline.id}/drift?limit=${lines}`),
      client.get<{ items: QualityReport[] }>(`/v1/pipelines/${pipeline.id}/quality?limit=${lines}`),
    ]);
    // Runs read by column names need no line; one read as a known layout says which.
    const layouts = quality.items.filter((report) => report.layout !== null);
    const entries = [...incidents.items.map(incidentEntry), ...drift.items.map(driftEntry), ...layouts.map(layoutEntry)]
      .sort((a, b) => a.at.localeCompare(b.at))
      .slice(-lines);
    emit(io, values.json, { summary: incidents.summary, incidents: incidents.items, drift: drift.items, layouts }, () => [
      ...(entries.length ? entries.map((e) => e.line) : [`No incidents or schema drift recorded for ${name}.`]),
      describeSummary(incidents.summary),
    ]);
    return 0;
  },
};

function incidentEntry(incident: Incident): Entry {
  const file = incident.file ? ` ${incident.file}:` : '';
  return {
    at: incident.occurredAt,
    line: `${incident.occurredAt}  run ${incident.runId.slice(0, 8)} attempt ${incident.attempt}  ${incident.failureClass}/${incident.error.code}${file} ${incident.error.message}  -> ${incident.action} (${incident.outcome})`,
  };
}

function driftEntry(drift: Drift): Entry {
  const changes = drift.changes.map(describeChange).join(', ');
  return { at: drift.occurredAt, line: `${drift.occurredAt}  run ${drift.runId.slice(0, 8)}  schema drift in ${drift.file}: ${changes}  -> ${drift.decision} (${drift.mode})` };
}

function layoutEntry(report: QualityReport): Entry {
  const { id, name } = report.layout!;
  return { at: report.measuredAt, line: `${report.measuredAt}  run ${report.runId.slice(0, 8)}  files read as ${name} (${id}) into ${report.table}` };
}

function describeChange(change: Drift['changes'][number]): string {
  if (change.kind === 'renamed') return `renamed ${change.previousColumn} -> ${change.column}`;
  const types = [change.fromType, change.toType].filter(Boolean).join(' -> ');
  return `${change.kind} ${change.column}${types ? ` (${types})` : ''}`;
}

function describeSummary(summary: Summary): string {
  const rate = summary.autoResolutionRate === null ? 'n/a' : `${(summary.autoResolutionRate * 100).toFixed(1)}%`;
  return `incidents: ${summary.total} (resolved ${summary.resolved}, unresolved ${summary.unresolved}, pending ${summary.pending}); auto-resolution rate ${rate}`;
}
