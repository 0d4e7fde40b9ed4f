import { CliError, UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, positiveSeconds, requireOne, waitFor, type Command } from '../command';
import { emit, formatDuration } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

const usage = 'ade pipeline run NAME [--wait] [--timeout SECONDS] [--api-url URL] [--json]';

interface Run {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempt: number;
  bronzeTable: string | null;
  counts: { rowsLoaded: number; filesLoaded: number; filesSkipped: number; filesQuarantined: number };
  error: { code: string; message: string } | null;
  durationMs: number | null;
}

export const pipelineRunCommand: Command = {
  path: ['pipeline', 'run'],
  usage,
  summary: 'Trigger a run; with --wait, follow it to the end (exit 1 if it fails)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, wait: { type: 'boolean', default: false }, timeout: { type: 'string' } }, usage);
    const name = requireOne(positionals, 'pipeline NAME', usage);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, name);
    if (values.timeout !== undefined && !values.wait) throw new UsageError('--timeout only applies with --wait');
    const timeout = positiveSeconds(values.timeout, 'timeout', 600);
    let run = await client.post<Run>(`/v1/pipelines/${pipeline.id}/runs`);
    if (values.wait) {
      run = await waitFor(io, () => client.get<Run>(`/v1/runs/${run.id}`), (r) => r.status === 'succeeded' || r.status === 'failed', timeout, `run ${run.id}`);
    }
    emit(io, values.json, run, () => describeRun(name, run));
    if (run.status === 'failed') throw new CliError(`run ${run.id} failed: ${run.error?.code ?? 'unknown'}: ${run.error?.message ?? ''}`);
    return 0;
  },
};

function describeRun(name: string, run: Run): string[] {
  if (run.status === 'succeeded') {
    const { rowsLoaded, filesLoaded, filesSkipped, filesQuarantined } = run.counts;
    const notes = [
      filesSkipped ? `${filesSkipped} file(s) already ingested or quarantined earlier, skipped` : '',
      filesQuarantined ? `${filesQuarantined} unreadable file(s) quarantined (see \`ade pipeline logs ${name}\`)` : '',
    ].filter(Boolean);
    return [
      `Run ${run.id} of ${name} succeeded in ${formatDuration(run.durationMs)}`,
      `  ${rowsLoaded} rows from ${filesLoaded} file(s) landed in ${run.bronzeTable}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    ];
  }
  return [`Run ${run.id} of ${name} is ${run.status}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}`];
}
