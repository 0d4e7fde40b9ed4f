import type { CliIo } from '../cli-io';
import { commonOptions, parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';
import { describeThresholds, type Thresholds } from './quality-thresholds';

const usage = 'ade quality check TABLE [--api-url URL] [--json]';

interface Report {
  runId: string;
  measuredAt: string;
  rows: { input: number; silver: number; quarantined: number; warned: number; repaired: number };
  scores: { completeness: number; validity: number; uniqueness: number; consistency: number; overall: number };
  expectations: Array<{ id: string; action: string; failed: number; samples: string[] }>;
  history: { runs: number; note: string | null };
  layout: { id: string; name: string } | null;
  routed: Array<{ claimType: string; dataType: string; lines: number }>;
  anomalies: Array<{ kind: string; column: string | null; metric: string; score: number; message: string }>;
}

interface TableQuality {
  table: string;
  report: Report;
  thresholds: Thresholds;
}

export const qualityCheckCommand: Command = {
  path: ['quality', 'check'],
  usage,
  summary: "Show a table's latest quality report: scores, rows, failed expectations with masked samples, anomalies",
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, commonOptions, usage);
    const name = requireOne(positionals, 'TABLE', usage);
    const client = await authenticatedClient(io, values['api-url']);
    const quality = await client.get<TableQuality>(`/v1/quality/tables/${encodeURIComponent(name)}`);
    emit(io, values.json, quality, () => describe(quality));
    return 0;
  },
};

const score = (value: number) => value.toFixed(4);

function describe({ table: name, report, thresholds }: TableQuality): string[] {
  const { rows, scores } = report;
  const failing = report.expectations.filter((e) => e.failed > 0).sort((a, b) => b.failed - a.failed || a.id.localeCompare(b.id));
  const lines = [
    `${name}: run ${report.runId}, measured ${report.measuredAt}`,
    `  read as: ${report.layout ? `${report.layout.name} (${report.layout.id})` : 'column names'}`,
    ...report.routed.map((route) => `  left to ${route.dataType} pipelines: ${route.lines} ${route.claimType} line(s)`),
    `  rows: input ${rows.input}, silver ${rows.silver}, quarantined ${rows.quarantined}, warned ${rows.warned}, repaired ${rows.repaired}`,
    `  scores: overall ${score(scores.overall)} (completeness ${score(scores.completeness)}, validity ${score(scores.validity)}, ` +
      `uniqueness ${score(scores.uniqueness)}, consistency ${score(scores.consistency)})`,
    '',
    ...(failing.length
      ? table([['EXPECTATION', 'ACTION', 'FAILED', 'SAMPLES (masked)'], ...failing.map((e) => [e.id, e.action, String(e.failed), e.samples.join(' ')])])
      : [`All ${report.expectations.length} expectations passed.`]),
    '',
  ];
  if (report.anomalies.length) {
    lines.push('Anomalies:', ...report.anomalies.map((a) => `  ${a.kind}${a.column ? ` ${a.column}` : ''} (score ${a.score.toFixed(1)}): ${a.message}`));
  } else {
    lines.push(`No anomalies (compared with ${report.history.runs} earlier run(s)${report.history.note ? `; ${report.history.note}` : ''}).`);
  }
  lines.push(describeThresholds(thresholds));
  return lines;
}
