import { CliError, UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, positiveSeconds, requireOne, waitFor, type Command } from '../command';
import { emit, formatDuration } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';
import { quarantinedEverything, runOutcome, type RunOutcome } from './run-outcome';

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
  summary: 'Trigger a run; with --wait, follow it to the end and show its silver, quarantine and gold rows (exit 1 if it fails or quarantines every row)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, wait: { type: 'boolean', default: false }, timeout: { type: 'string' } }, usage);
    const name = requireOne(positionals, 'pipeline NAME', usage);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, name);
    if (values.timeout !== undefined && !values.wait) throw new UsageError('--timeout only applies with --wait');
    const timeout = positiveSeconds(values.timeout, 'timeout', 600);
    let run = await client.post<Run>(`/v1/pipelines/${pipeline.id}/runs`);
    if (!values.wait) {
      emit(io, values.json, run, () => describeRun(name, run, null));
      return 0;
    }
    run = await waitFor(io, progressOf(io, () => client.get<Run>(`/v1/runs/${run.id}`)), (r) => r.status === 'succeeded' || r.status === 'failed', timeout, `run ${run.id}`);
    const outcome = run.status === 'succeeded' ? await runOutcome(client, run.id) : null;
    emit(io, values.json, { ...run, outcome }, () => describeRun(name, run, outcome));
    if (run.status === 'failed') throw new CliError(`run ${run.id} failed: ${run.error?.code ?? 'unknown'}: ${run.error?.message ?? ''}`);
    if (quarantinedEverything(outcome)) {
      throw new CliError(`run ${run.id} quarantined every one of its ${outcome!.input} rows: nothing reached silver (see \`ade quality quarantine ${outcome!.table}\`)`);
    }
    return 0;
  },
};

/** While waiting on a terminal, prints each change of the run's state (stderr, so --json output stays clean). */
function progressOf(io: CliIo, load: () => Promise<Run>): () => Promise<Run> {
  const started = Date.now();
  let last = '';
  return async () => {
    const run = await load();
    const state = `${run.status}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}`;
    if (io.interactive && state !== last && run.status !== 'succeeded' && run.status !== 'failed') {
      io.stderr(`[${Math.round((Date.now() - started) / 1000)} s] ${state}…\n`);
    }
    last = state;
    return run;
  };
}

function describeRun(name: string, run: Run, outcome: RunOutcome | null): string[] {
  if (run.status !== 'succeeded') return [`Run ${run.id} of ${name} is ${run.status}${run.attempt > 1 ? ` (attempt ${run.attempt})` : ''}`];
  const { rowsLoaded, filesLoaded, filesSkipped, filesQuarantined } = run.counts;
  const notes = [
    filesSkipped ? `${filesSkipped} file(s) already ingested or quarantined earlier, skipped` : '',
    filesQuarantined ? `${filesQuarantined} unreadable file(s) quarantined (see \`ade pipeline logs ${name}\`)` : '',
  ].filter(Boolean);
  const lines = [
    `Run ${run.id} of ${name} succeeded in ${formatDuration(run.durationMs)}`,
    `  ${rowsLoaded} rows from ${filesLoaded} file(s) landed in ${run.bronzeTable}${notes.length ? `; ${notes.join('; ')}` : ''}`,
  ];
  if (outcome) {
    lines.push(`  ${outcome.silver} rows to silver ${outcome.table}, ${outcome.quarantined} quarantined (of ${outcome.input} judged)`);
    for (const gold of outcome.gold) lines.push(`  ${gold.rows} rows to gold ${gold.table}`);
  }
  return lines;
}
