import { isUuid } from '@ade/contracts';
import { CliError, UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, positiveSeconds, requireOne, waitFor, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';
import { describeFilter, type Release } from './quarantine-release';

const usage = 'ade quality release TABLE [--rule RULE]... [--run RUN_ID] [--pipeline ID|NAME] [--wait] [--timeout SECONDS] [--api-url URL] [--json]';

export const qualityReleaseCommand: Command = {
  path: ['quality', 'release'],
  usage,
  summary: "Re-check a table's quarantined rows and move those that now pass back to silver",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        ...commonOptions,
        rule: { type: 'string', multiple: true },
        run: { type: 'string' },
        pipeline: { type: 'string' },
        wait: { type: 'boolean', default: false },
        timeout: { type: 'string' },
      },
      usage,
    );
    const name = requireOne(positionals, 'TABLE', usage);
    if (values.timeout !== undefined && !values.wait) throw new UsageError('--timeout only applies with --wait');
    const timeout = positiveSeconds(values.timeout, 'timeout', 600);
    const client = await authenticatedClient(io, values['api-url']);
    // A pipeline may be given by id or by name; the API checks that it writes the table.
    const pipelineId = values.pipeline === undefined || isUuid(values.pipeline) ? values.pipeline : (await findPipelineByName(client, values.pipeline)).id;
    const { releaseId } = await client.post<{ releaseId: string }>('/v1/quality/quarantine/release', {
      table: name,
      ...(values.rule ? { rules: values.rule } : {}),
      ...(values.run !== undefined ? { runId: values.run } : {}),
      ...(pipelineId !== undefined ? { pipelineId } : {}),
    });
    const load = () => client.get<Release>(`/v1/quality/quarantine/releases/${releaseId}`);
    const release = values.wait ? await waitFor(io, load, (r) => r.status !== 'queued', timeout, `release ${releaseId}`) : await load();
    emit(io, values.json, release, () => describe(release));
    if (release.status === 'failed') throw new CliError(`release ${release.id} failed: ${release.error?.code ?? 'unknown'}: ${release.error?.message ?? ''}`);
    return 0;
  },
};

function describe(release: Release): string[] {
  const head = `Release ${release.id} of ${release.table} (${describeFilter(release.filter)})`;
  if (release.status === 'queued') return [`${head} is queued`];
  if (release.status === 'failed') return [`${head} failed`];
  return [
    `${head} succeeded: released ${release.released} of ${release.examined} examined rows`,
    ...table(release.byRule.map((r) => [`  ${r.rule}`, String(r.released)])),
  ];
}
