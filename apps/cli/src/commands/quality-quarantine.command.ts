import type { CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { describeFilter, type Release } from './quarantine-release';

const usage = 'ade quality quarantine TABLE [--api-url URL] [--json]';

interface Counts {
  quarantined: number;
  released: number;
  pending: number;
}

interface Quarantine {
  table: string;
  total: Counts;
  rules: Array<Counts & { rule: string }>;
  releases: Release[];
}

export const qualityQuarantineCommand: Command = {
  path: ['quality', 'quarantine'],
  usage,
  summary: "Show a table's quarantined rows by rule: quarantined, released and still pending",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, usage);
    const name = requireOne(positionals, 'TABLE', usage);
    const client = await authenticatedClient(io, values['api-url']);
    const quarantine = await client.get<Quarantine>(`/v1/quality/quarantine?table=${encodeURIComponent(name)}`);
    emit(io, values.json, quarantine, () => describe(quarantine));
    return 0;
  },
};

function describe(q: Quarantine): string[] {
  if (q.rules.length === 0 && q.total.quarantined === 0 && q.releases.length === 0) return [`No quarantined rows recorded for ${q.table}.`];
  const lines = [
    `${q.table}: ${q.total.quarantined} rows quarantined, ${q.total.released} released, ${q.total.pending} pending`,
    '',
    ...table([
      ['RULE', 'QUARANTINED', 'RELEASED', 'PENDING'],
      ...q.rules.map((r) => [r.rule, String(r.quarantined), String(r.released), String(r.pending)]),
    ]),
    '(a row that failed several rules counts under each of them, and once in the total)',
  ];
  if (q.releases.length) {
    lines.push('', 'Recent releases:');
    lines.push(
      ...table([
        ['RELEASE', 'STATUS', 'RELEASED', 'EXAMINED', 'FILTER', 'REQUESTED'],
        ...q.releases.map((r) => [r.id, r.status, String(r.released), String(r.examined), describeFilter(r.filter), r.requestedAt]),
      ]),
    );
  }
  return lines;
}
