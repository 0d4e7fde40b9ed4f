import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade lineage TABLE [--limit RUNS] [--api-url URL] [--json]';

interface Lineage {
  table: string;
  nodes: Array<{ id: string; kind: 'file' | 'table'; name: string }>;
  edges: Array<{ source: string; target: string; runId: string; rows: number; recordedAt: string }>;
}

export const lineageCommand: Command = {
  path: ['lineage'],
  usage,
  summary: "Show where a table's rows came from and where they went: files, bronze, silver, quarantine, gold",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, limit: { type: 'string', default: '50' } }, usage);
    const name = requireOne(positionals, 'TABLE', usage);
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
    const client = await authenticatedClient(io, values['api-url']);
    const lineage = await client.get<Lineage>(`/v1/lineage?table=${encodeURIComponent(name)}&limit=${limit}`);
    emit(io, values.json, lineage, () => describe(lineage));
    return 0;
  },
};

function describe(lineage: Lineage): string[] {
  if (lineage.edges.length === 0) return [`No lineage recorded for ${lineage.table}.`];
  const names = new Map(lineage.nodes.map((node) => [node.id, node.name]));
  const runs = new Set(lineage.edges.map((edge) => edge.runId)).size;
  return [
    `Lineage of ${lineage.table} (${lineage.edges.length} edges from ${runs} run(s), newest first)`,
    ...table([
      ['SOURCE → TARGET', 'ROWS', 'RUN'],
      ...lineage.edges.map((edge) => [`${names.get(edge.source) ?? edge.source} → ${names.get(edge.target) ?? edge.target}`, String(edge.rows), edge.runId]),
    ]),
  ];
}
