import { DATA_TYPES, TABULAR_FORMATS, type DataType, type TabularFormat } from '@ade/contracts';
import { writeFile } from 'node:fs/promises';
import { LayoutError, proposalAsMappingFile, readMappingFile, render999, StatePackError, type InterchangeAcknowledgment, type X12TransactionKind } from '@ade/healthcare';
import { DUCKDB_SIZE_PATTERN } from '@ade/config';
import { DEFAULT_VALIDATION_MEMORY_LIMIT, UnusableInputError, validateFile, type ValidationReport } from '@ade/quality';
import { CliError, UsageError, type CliIo } from '../cli-io';
import { oneOf, parse, requireOne, type Command } from '../command';
import { proposalTable } from '../mapping-evidence';
import { emit, table } from '../output';

const usage =
  `ade validate FILE [--type ${DATA_TYPES.join('|')}] [--mapping FILE.json] [--write-mapping FILE.json] [--state XX] [--as-of YYYY-MM-DD] ` +
  '[--format csv|ndjson|parquet] [--delimiter C] [--max-violations N] [--memory-limit SIZE] [--ack FILE.999] [--json]';

/** Exit code of a file the validator cannot read or judge as asked, and of one that lacks required columns. */
const UNJUDGEABLE = 2;

const SHOWN_VIOLATIONS = 20;

export const validateCommand: Command = {
  path: ['validate'],
  usage,
  summary: 'Check a local CSV, NDJSON, Parquet or X12 (837, 834) file against the healthcare rules (offline); known public layouts are recognised',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        json: { type: 'boolean', default: false },
        type: { type: 'string' },
        mapping: { type: 'string' },
        'write-mapping': { type: 'string' },
        state: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        delimiter: { type: 'string' },
        'max-violations': { type: 'string' },
        'memory-limit': { type: 'string' },
        ack: { type: 'string' },
      },
      usage,
    );
    const file = requireOne(positionals, 'FILE', usage);
    const request = {
      path: file,
      type: values.type === undefined ? undefined : (oneOf(values.type, DATA_TYPES, '--type') as DataType),
      state: values.state?.toUpperCase(),
      asOf: isoDate(values['as-of']),
      format: values.format === undefined ? undefined : (oneOf(values.format, TABULAR_FORMATS, '--format') as TabularFormat),
      delimiter: values.delimiter,
      maxViolations: values['max-violations'] === undefined ? (values.json ? undefined : SHOWN_VIOLATIONS) : count(values['max-violations']),
      engine: { memoryLimit: memoryLimit(values['memory-limit'] ?? io.env.ADE_VALIDATE_MEMORY_LIMIT) },
    };
    let report: ValidationReport;
    try {
      const mapping = values.mapping === undefined ? undefined : readMappingFile(values.mapping);
      report = await validateFile({ ...request, mapping });
    } catch (error) {
      // A file rejected whole still gets its 999 when one was asked for.
      if (error instanceof UnusableInputError && error.acknowledgments && values.ack !== undefined) await writeAcknowledgment(io, values.ack, error.acknowledgments);
      if (error instanceof UnusableInputError || error instanceof StatePackError || error instanceof LayoutError) throw new CliError(error.message, UNJUDGEABLE);
      throw error;
    }
    emit(io, values.json, report, () => describe(report));
    if (values.ack !== undefined) {
      if (!report.x12) throw new CliError(`${report.file} is not an X12 file; --ack writes a 999 acknowledgment of one`, UNJUDGEABLE);
      await writeAcknowledgment(io, values.ack, report.x12.acknowledgments);
    }
    const proposalFile = values['write-mapping'];
    if (proposalFile !== undefined) {
      if (!report.proposal) throw new CliError(`${report.file} was read as ${report.layout?.name ?? 'a known layout'}; there is no proposed mapping to write`, UNJUDGEABLE);
      await writeFile(proposalFile, `${JSON.stringify(proposalAsMappingFile(report.proposal), null, 2)}\n`);
      io.stderr(`ade: wrote the proposed mapping to ${proposalFile}; check it, edit it, and validate with --mapping ${proposalFile}\n`);
    }
    if (report.x12 && report.x12.transactionSets.rejected > 0) {
      // The claims of a rejected transaction set were not judged at all.
      io.stderr(`ade: ${report.file}: ${report.x12.transactionSets.rejected} X12 transaction set(s) rejected; their claims were not judged\n`);
      return UNJUDGEABLE;
    }
    if (report.columns.missingRequired.length > 0) {
      // A file without its required columns was not really judged: its score must not pass for one.
      const next = report.proposal ? `confirm the proposal with --write-mapping FILE.json, then --mapping FILE.json` : 'map them with --mapping FILE.json';
      io.stderr(`ade: ${report.file} has no column for ${report.columns.missingRequired.join(', ')}; ${next}\n`);
      return UNJUDGEABLE;
    }
    return 0;
  },
};

async function writeAcknowledgment(io: CliIo, path: string, acknowledgments: InterchangeAcknowledgment[]): Promise<void> {
  await writeFile(path, render999(acknowledgments, new Date()));
  io.stderr(`ade: wrote the 999 acknowledgment to ${path}\n`);
}

function isoDate(value: string | undefined): string | undefined {
  if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError('--as-of must be a date like 2026-06-30');
  return value;
}

/** DuckDB's memory cap for the validation; past it the engine spills to a temp directory. */
function memoryLimit(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_VALIDATION_MEMORY_LIMIT;
  if (!DUCKDB_SIZE_PATTERN.test(value)) throw new UsageError("--memory-limit (or ADE_VALIDATE_MEMORY_LIMIT) must be a size such as '1GB' or '512MB'");
  return value;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError('--max-violations must be a whole number');
  return n;
}

function describeLayout(report: ValidationReport): string[] {
  const { layout, columns, proposal } = report;
  const reading = (report.routes ?? []).map((route) => `Routed by claim type: ${route.claimType} lines (${route.lines}) judged as ${route.type}`);
  if (report.lines) {
    reading.push(`Lines side by side (${report.lines.from} to ${report.lines.to} per row): ${report.rows} lines read from ${report.lines.fileRows} rows, each judged as a row`);
  }
  if (proposal) {
    return [
      `Layout: none recognised; columns proposed from their headers and values (applied at confidence ${proposal.threshold.toFixed(2)} or more, with no close rival)`,
      ...reading,
      '',
      ...proposalTable(proposal.columns),
      '',
    ];
  }
  const heading = layout
    ? [`Layout: ${layout.name} (${layout.id})${layout.source ? `, as published in ${layout.source.document}: ${layout.source.url}` : ''}`]
    : ['Layout: none recognised; columns mapped by name'];
  const notApplied = Object.entries(layout?.notApplicable ?? {}).map(([rule, reason]) => `Not applied: ${rule}: ${reason}`);
  const notCarried = Object.entries(layout?.notCarried ?? {}).map(([column, reason]) => `Not carried: ${column}: ${reason}`);
  const mapping = table([['COLUMN', 'FROM', 'BY'], ...columns.mapped.map((m) => [m.canonical, m.source, m.by])]);
  return [...heading, ...reading, ...notApplied, ...notCarried, '', ...mapping, ''];
}

/** What an X12 kind's units and rows are: claims and lines, members and coverages, claim payments and lines paid. */
const UNITS_OF: Readonly<Record<X12TransactionKind, (units: number, rows: number) => string>> = {
  '837P': (claims, rows) => `${claims} claim(s), ${rows} service line(s)`,
  '837I': (claims, rows) => `${claims} claim(s), ${rows} service line(s)`,
  '834': (members, rows) => `${members} member(s), ${rows} coverage row(s)`,
  '835': (payments, rows) => `${payments} claim payment(s), ${rows} remittance row(s)`,
};

/** What reading an X12 file found, in file order, each finding at its segment and position. */
function describeX12(report: ValidationReport): string[] {
  if (!report.x12) return [];
  const { transaction, interchanges, transactionSets, claims, findings } = report.x12;
  return [
    `X12 ${transaction}: ${interchanges} interchange(s), ${transactionSets.accepted} transaction set(s) accepted, ${transactionSets.rejected} rejected; ` +
      UNITS_OF[transaction](claims, report.rows),
    ...(findings.length ? table([['SEVERITY', 'SEGMENT', 'POSITION', 'FINDING'], ...findings.map((f) => [f.severity, f.segment, String(f.position), f.problem])]) : []),
    '',
  ];
}

function describe(report: ValidationReport): string[] {
  const failing = Object.entries(report.rules)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const lines = [
    `${report.file}: ${report.type} (${report.format}), state pack ${report.state}, as of ${report.asOf}`,
    `  rows ${report.rows}, valid ${report.valid}, invalid ${report.invalid}, score ${report.score.toFixed(4)}`,
    '',
    ...describeX12(report),
    // An X12 file's rows come out of its loops under the canonical names: there is no layout to show.
    ...(report.x12 ? [] : describeLayout(report)),
    ...(failing.length ? table([['RULE', 'VIOLATIONS'], ...failing.map(([rule, n]) => [rule, String(n)])]) : ['No rule violations.']),
  ];
  if (report.violations.length) {
    lines.push('', `First ${report.violations.length} violations:`);
    // A line of a row whose lines are side by side is shown as ROW.LINE (2.3: line 3 of row 2).
    const where = (v: ValidationReport['violations'][number]) => (v.line === undefined ? String(v.row) : `${v.row}.${v.line}`);
    lines.push(...table([['ROW', 'COLUMN', 'RULE', 'MESSAGE'], ...report.violations.map((v) => [where(v), v.column, v.rule, v.message])]));
  }
  if (report.columns.unmapped.length) lines.push('', `Columns not recognized (kept, not checked): ${report.columns.unmapped.join(', ')}`);
  if (report.columns.missingRequired.length) lines.push('', `Required columns missing: ${report.columns.missingRequired.join(', ')}`);
  return lines;
}
