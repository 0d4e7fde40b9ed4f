import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade quality trends TABLE [--days N] [--api-url URL] [--json]';

interface Trends {
  table: string;
  days: number;
  points: Array<{
    runId: string;
    measuredAt: string;
    rows: { input: number; silver: number; quarantined: number };
    scores: { overall: number };
    anomalyCount: number;
  }>;
}

export const qualityTrendsCommand: Command = {
  path: ['quality', 'trends'],
  usage,
  summary: "Show a table's quality run by run: rows, overall score and anomalies over the last N days",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, table: { type: 'string' }, days: { type: 'string', default: '30' } }, usage);
    // The table as an argument, as its sibling commands take it; `--table` still works for scripts written before.
    if (positionals.length > 0 && values.table !== undefined) throw new UsageError(`give the table once, as an argument\nusage: ${usage}`);
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'\nusage: ${usage}`);
    const tableName = positionals[0] ?? values.table;
    if (tableName === undefined) throw new UsageError(`TABLE is required\nusage: ${usage}`);
    const days = Number(values.days);
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError('--days must be a whole number from 1 to 365');
    const client = await authenticatedClient(io, values['api-url']);
    const trends = await client.get<Trends>(`/v1/quality/trends?table=${encodeURIComponent(tableName)}&days=${days}`);
    emit(io, values.json, trends, () =>
      trends.points.length === 0
        ? [`No quality reports for ${trends.table} in the last ${trends.days} day(s).`]
        : [
            `Quality of ${trends.table} over the last ${trends.days} day(s), ${trends.points.length} run(s), oldest first`,
            ...table([
              ['MEASURED', 'RUN', 'ROWS', 'SILVER', 'QUARANTINED', 'OVERALL', 'ANOMALIES'],
              ...trends.points.map((p) => [
                p.measuredAt,
                p.runId.slice(0, 8),
                String(p.rows.input),
                String(p.rows.silver),
                String(p.rows.quarantined),
                p.scores.overall.toFixed(4),
                String(p.anomalyCount),
              ]),
            ]),
          ],
    );
    return 0;
  },
};
