import { SyntheticOptionsError, writeProfessionalClaimsCsv } from '@ade/synthetic';
import { CliError, UsageError, type CliIo } from '../cli-io';
import { parse, type Command } from '../command';
import { emit } from '../output';

const usage =
  'ade generate claims --out FILE [--rows N] [--seed N] [--defect-rate 0..1] [--as-of YYYY-MM-DD] [--state XX ...] [--json]';

export const generateClaimsCommand: Command = {
  path: ['generate', 'claims'],
  usage,
  summary: 'Write deterministic synthetic Medicaid professional claims with planted defects (offline)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parse(
      argv,
      {
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        rows: { type: 'string', default: '1000' },
        seed: { type: 'string', default: '1' },
        'defect-rate': { type: 'string', default: '0.05' },
        'as-of': { type: 'string' },
        state: { type: 'string', multiple: true },
      },
      usage,
    );
    if (!values.out) throw new UsageError(`--out is required\nusage: ${usage}`);
    try {
      const { defectRows: _rows, defectRowsComplete: _complete, ...summary } = await writeProfessionalClaimsCsv(values.out, {
        rows: number(values.rows, '--rows'),
        seed: number(values.seed, '--seed'),
        defectRate: number(values['defect-rate'], '--defect-rate'),
        asOf: values['as-of'],
        states: values.state?.map((s) => s.toUpperCase()),
        defectRowLimit: 0,
      });
      emit(io, values.json, { out: values.out, ...summary }, () => [
        `Wrote ${summary.rows} claim lines (${summary.claims} claims) to ${values.out}, as of ${summary.asOf}, seed ${summary.seed}`,
        `  planted defects: ${Object.entries(summary.defects).map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
      ]);
      return 0;
    } catch (error) {
      if (error instanceof SyntheticOptionsError) throw new UsageError(error.message);
      throw new CliError(`could not write ${values.out}: ${(error as Error).message}`);
    }
  },
};

function number(value: string, flag: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`${flag} must be a number`);
  return parsed;
}
