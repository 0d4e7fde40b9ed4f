import { parseArgs } from 'node:util';
import { writeProfessionalClaimsCsv } from './professional-claims';
import { SyntheticOptionsError } from './synthetic-options-error';

const USAGE = `Usage: generate --out <file.csv> [--rows 1000] [--seed 1] [--defect-rate 0.05] [--as-of YYYY-MM-DD]

Writes a synthetic Medicaid professional-claims CSV and prints a JSON summary (counts only).
--as-of defaults to today (UTC); pass it for reproducible output.`;

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/**
 * Entry point for scripts and the `ade` CLI: parses flags, writes the file, prints the manifest
 * without its per-row list (row numbers are not PHI, but a summary should stay one screen long).
 * Returns the process exit code instead of exiting, so callers decide.
 */
export async function runGenerate(argv: string[]): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  try {
    const { defectRows: _omitted, defectRowsComplete: _alsoOmitted, ...summary } = await writeProfessionalClaimsCsv(
      flags.out,
      { rows: flags.rows, seed: flags.seed, defectRate: flags.defectRate, asOf: flags.asOf, defectRowLimit: 0 },
    );
    process.stdout.write(`${JSON.stringify({ out: flags.out, ...summary }, null, 2)}\n`);
    return EXIT_OK;
  } catch (error) {
    const usage = error instanceof SyntheticOptionsError;
    process.stderr.write(`generate failed: ${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    return usage ? EXIT_USAGE : EXIT_FAILED;
  }
}

function parseFlags(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      rows: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      'defect-rate': { type: 'string', default: '0.05' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true as const, out: '', rows: 0, seed: 0, defectRate: 0, asOf: undefined };
  if (!values.out) throw new Error('--out is required');
  return {
    help: false as const,
    out: values.out,
    rows: integerFlag('--rows', values.rows),
    seed: integerFlag('--seed', values.seed),
    defectRate: numberFlag('--defect-rate', values['defect-rate']),
    asOf: values['as-of'],
  };
}

function integerFlag(name: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new Error(`${name} must be an integer`);
  return Number(value);
}

function numberFlag(name: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new Error(`${name} must be a number`);
  return number;
}
