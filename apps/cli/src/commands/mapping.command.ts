import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { proposalTable, type ProposedColumnLike } from '../mapping-evidence';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { findPipelineByName } from './pipeline-lookup';

interface AcceptedMapping {
  version: number;
  columns: Record<string, string>;
  acceptedBy: string | null;
  acceptedAt: string;
}

interface MappingView {
  pipelineId: string;
  dataType: string;
  accepted: AcceptedMapping | null;
  proposal: { runId: string; proposedAt: string; columns: Record<string, string>; proposal: { threshold: number; columns: ProposedColumnLike[]; unmatched: string[]; missingRequired: string[] } } | null;
  versions: number[];
}

const showUsage = 'ade mapping show PIPELINE [--api-url URL] [--json]';
const acceptUsage = 'ade mapping accept PIPELINE [--api-url URL] [--json]';
const editUsage = 'ade mapping edit PIPELINE [--set COLUMN=SOURCE ...] [--unset COLUMN ...] [--api-url URL] [--json]';

export const mappingShowCommand: Command = {
  path: ['mapping', 'show'],
  usage: showUsage,
  summary: "Show a pipeline's accepted column mapping and the newest mapping a run stopped to propose",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, showUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, requireOne(positionals, 'pipeline NAME', showUsage));
    const view = await client.get<MappingView>(`/v1/pipelines/${pipeline.id}/mapping`);
    emit(io, values.json, view, () => describe(pipeline.name, view));
    return 0;
  },
};

export const mappingAcceptCommand: Command = {
  path: ['mapping', 'accept'],
  usage: acceptUsage,
  summary: 'Accept the newest proposed mapping as it stands (a new version); the next run reads files by it',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, acceptUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, requireOne(positionals, 'pipeline NAME', acceptUsage));
    const accepted = await client.post<AcceptedMapping>(`/v1/pipelines/${pipeline.id}/mapping/accept`);
    emit(io, values.json, accepted, () => [`Accepted version ${accepted.version} of ${pipeline.name}'s mapping:`, ...columnsTable(accepted.columns)]);
    return 0;
  },
};

export const mappingEditCommand: Command = {
  path: ['mapping', 'edit'],
  usage: editUsage,
  summary: 'Change columns of the accepted (or else the proposed) mapping and store the result as a new version',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, set: { type: 'string', multiple: true }, unset: { type: 'string', multiple: true } }, editUsage);
    const changes = (values.set ?? []).map((pair) => assignment(pair));
    if (changes.length === 0 && (values.unset ?? []).length === 0) throw new UsageError(`give at least one --set or --unset\nusage: ${editUsage}`);
    const client = await authenticatedClient(io, values['api-url']);
    const pipeline = await findPipelineByName(client, requireOne(positionals, 'pipeline NAME', editUsage));
    const view = await client.get<MappingView>(`/v1/pipelines/${pipeline.id}/mapping`);
    const columns: Record<string, string> = { ...(view.accepted?.columns ?? view.proposal?.columns ?? {}) };
    for (const canonical of values.unset ?? []) delete columns[canonical];
    for (const [canonical, source] of changes) columns[canonical] = source;
    const accepted = await client.put<AcceptedMapping>(`/v1/pipelines/${pipeline.id}/mapping`, { columns });
    emit(io, values.json, accepted, () => [`Stored version ${accepted.version} of ${pipeline.name}'s mapping:`, ...columnsTable(accepted.columns)]);
    return 0;
  },
};

function assignment(pair: string): [string, string] {
  const at = pair.indexOf('=');
  if (at < 1 || at === pair.length - 1) throw new UsageError(`--set takes COLUMN=SOURCE, not '${pair}'`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

function columnsTable(columns: Readonly<Record<string, string>>): string[] {
  return table([['COLUMN', 'FROM'], ...Object.entries(columns).map(([canonical, source]) => [canonical, source])]);
}

function describe(name: string, view: MappingView): string[] {
  const lines = [
    view.accepted
      ? `${name} (${view.dataType}): files are read by accepted version ${view.accepted.version} (versions: ${view.versions.join(', ')})`
      : `${name} (${view.dataType}): no mapping accepted; files are read as a known layout or by the profiler`,
  ];
  if (view.accepted) lines.push(...columnsTable(view.accepted.columns));
  if (view.proposal) {
    const { proposal } = view.proposal;
    lines.push('', `Proposed by run ${view.proposal.runId} (applied at confidence ${proposal.threshold.toFixed(2)} or more, with no close rival):`, ...proposalTable(proposal.columns));
    if (proposal.missingRequired.length) lines.push('', `Required columns it was unsure of: ${proposal.missingRequired.join(', ')}`);
    if (proposal.unmatched.length) lines.push(`Columns it proposed nothing for: ${proposal.unmatched.join(', ')}`);
    lines.push('', `Accept it with \`ade mapping accept ${name}\`, or change columns with \`ade mapping edit ${name} --set COLUMN=SOURCE\`.`);
  }
  return lines;
}
