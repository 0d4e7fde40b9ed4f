import { DATA_TYPES, TABULAR_FORMATS, type DataType, type TabularFormat } from '@ade/contracts';
import { StatePackError } from '@ade/healthcare';
import { DUCKDB_SIZE_PATTERN } from '@ade/config';
import { DEFAULT_VALIDATION_MEMORY_LIMIT, UnusableInputError, validateFile, type ValidationReport } from '@ade/quality';
import { CliError, UsageError, type CliIo } from '../cli-io';
import { parse, requireOne, type Command } from '../command';
import { emit, table } from '../output';

const usage =
  `ade validate FILE --type ${DATA_TYPES.join('|')} [--state XX] [--as-of YYYY-MM-DD] ` +
  '[--format csv|ndjson|parquet] [--delimiter C] [--max-violations N] [--memory-limit SIZE] [--json]';

const SHOWN_VIOLATIONS = 20;

export const validateCommand: Command = {
  path: ['validate'],
  usage,
  summary: 'Check a local CSV, NDJSON or Parquet file against the healthcare rules (offline)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(
      argv,
      {
        json: { type: 'boolean', default: false },
        type: { type: 'string' },
        state: { type: 'string' },
        'as-of': { type: 'string' },
        format: { type: 'string' },
        delimiter: { type: 'string' },
        'max-violations': { type: 'string' },
        'memory-limit': { type: 'string' },
      },
      usage,
    );
    const file = requireOne(positionals, 'FILE', usage);
    const request = {
      path: file,
      type: oneOf(values.type, DATA_TYPES, '--type') as DataType,
      state: values.state?.toUpperCase(),
      asOf: isoDate(values['as-of']),
      format: values.format === undefined ? undefined : (oneOf(values.format, TABULAR_FORMATS, '--format') as TabularFormat),
      delimiter: values.delimiter,
      maxViolations: values['max-violations'] === undefined ? (values.json ? undefined : SHOWN_VIOLATIONS) : count(values['max-violations']),
      engine: { memoryLimit: memoryLimit(values['memory-limit'] ?? io.env.ADE_VALIDATE_MEMORY_LIMIT) },
    };
    let report: ValidationReport;
    try {
      report = await validateFile(request);
    } catch (error) {
      if (error instanceof UnusableInputError || error instanceof StatePackError) throw new CliError(error.message, 2);
      throw error;
    }
    emit(io, values.json, report, () => describe(report));
    return 0;
  },
};

function oneOf(value: string | undefined, allowed: readonly string[], flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required (one of ${allowed.join(', ')})\nusage: ${usage}`);
  if (!allowed.includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}`);
  return value;
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

function describe(report: ValidationReport): string[] {
  const failing = Object.entries(report.rules)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const lines = [
    `${report.file}: ${report.type} (${report.format}), state pack ${report.state}, as of ${report.asOf}`,
    `  rows ${report.rows}, valid ${report.valid}, invalid ${report.invalid}, score ${report.score.toFixed(4)}`,
    '',
    ...(failing.length ? table([['RULE', 'VIOLATIONS'], ...failing.map(([rule, n]) => [rule, String(n)])]) : ['No rule violations.']),
  ];
  if (report.violations.length) {
    lines.push('', `First ${report.violations.length} violations:`);
    lines.push(...table([['ROW', 'COLUMN', 'RULE', 'MESSAGE'], ...report.violations.map((v) => [String(v.row), v.column, v.rule, v.message])]));
  }
  if (report.columns.unmapped.length) lines.push('', `Columns not recognized (kept, not checked): ${report.columns.unmapped.join(', ')}`);
  if (report.columns.missingRequired.length) lines.push('', `Required columns missing: ${report.columns.missingRequired.join(', ')}`);
  return lines;
}
