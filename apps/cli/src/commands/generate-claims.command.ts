import {
  DEFAULT_DEFECT_KINDS,
  DEFECT_KINDS,
  SyntheticOptionsError,
  isDefectKind,
  writeProfessionalClaimsCsv,
  writeReferenceFiles,
  type DefectKind,
  type ProfessionalClaimsOptions,
  type ReferenceFilesSummary,
} from '@ade/synthetic';
import { CliError, UsageError, type CliIo } from '../cli-io';
import { parse, type Command } from '../command';
import { emit } from '../output';

const usage =
  'ade generate claims --out FILE [--rows N] [--seed N] [--defect-rate 0..1] [--defects KIND,KIND] [--repairable-rate 0..1] ' +
  '[--as-of YYYY-MM-DD] [--state XX ...] [--providers FILE] [--eligibility FILE] [--json]';

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
        defects: { type: 'string' },
        'repairable-rate': { type: 'string', default: '0' },
        'as-of': { type: 'string' },
        state: { type: 'string', multiple: true },
        providers: { type: 'string' },
        eligibility: { type: 'string' },
      },
      usage,
    );
    if (!values.out) throw new UsageError(`--out is required\nusage: ${usage}`);
    const defectKinds = values.defects === undefined ? undefined : kinds(values.defects);
    const options: ProfessionalClaimsOptions = {
      rows: number(values.rows, '--rows'),
      seed: number(values.seed, '--seed'),
      defectRate: number(values['defect-rate'], '--defect-rate'),
      defectKinds,
      repairableRate: number(values['repairable-rate'], '--repairable-rate'),
      asOf: values['as-of'],
      states: values.state?.map((s) => s.toUpperCase()),
      defectRowLimit: 0,
    };
    // Named in the error when a write fails: the claims file first, then the companion files.
    let writing = values.out;
    try {
      const manifest = await writeProfessionalClaimsCsv(values.out, options);
      const { defectRows: _rows, defectRowsComplete: _complete, repairRows: _repairRows, repairRowsComplete: _repairsComplete, ...summary } = manifest;
      writing = [values.providers, values.eligibility].filter((path) => path !== undefined).join(' or ');
      const references = await writeReferenceFiles(options, { providersPath: values.providers, eligibilityPath: values.eligibility });
      const files = referenceFiles(references, values.providers, values.eligibility);
      const enabled: readonly DefectKind[] = defectKinds ?? DEFAULT_DEFECT_KINDS;
      const planted = DEFECT_KINDS.filter((kind) => enabled.includes(kind));
      emit(io, values.json, { out: values.out, ...summary, ...files }, () => [
        `Wrote ${summary.rows} claim lines (${summary.claims} claims) to ${values.out}, as of ${summary.asOf}, seed ${summary.seed}`,
        `  planted defects: ${planted.map((kind) => `${kind} ${summary.defects[kind]}`).join(', ')}`,
        ...(options.repairableRate! > 0 ? [`  repairable variants: ${Object.entries(summary.repairs).map(([id, n]) => `${id} ${n}`).join(', ')}`] : []),
        ...(files.providers ? [`  providers: ${files.providers.rows} rows to ${files.providers.path}`] : []),
        ...(files.eligibility
          ? [
              `  eligibility: ${files.eligibility.spans} enrollment spans of ${files.eligibility.currentMembers} members ` +
                `and ${files.eligibility.formerMembers} former members to ${files.eligibility.path}`,
            ]
          : []),
      ]);
      return 0;
    } catch (error) {
      if (error instanceof SyntheticOptionsError) throw new UsageError(error.message);
      throw new CliError(`could not write ${writing}: ${(error as Error).message}`);
    }
  },
};

function number(value: string, flag: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`${flag} must be a number`);
  return parsed;
}

function kinds(list: string): DefectKind[] {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) throw new UsageError(`--defects must list at least one kind (${DEFECT_KINDS.join(', ')})`);
  const unknown = names.filter((name) => !isDefectKind(name));
  if (unknown.length > 0) throw new UsageError(`--defects: unknown kind ${unknown.join(', ')} (kinds: ${DEFECT_KINDS.join(', ')})`);
  return names as DefectKind[];
}

/** Where the companion files went and what they hold, for the output. */
function referenceFiles(summary: ReferenceFilesSummary, providersPath: string | undefined, eligibilityPath: string | undefined) {
  return {
    ...(providersPath !== undefined && summary.providers !== undefined ? { providers: { path: providersPath, rows: summary.providers } } : {}),
    ...(eligibilityPath !== undefined && summary.eligibility ? { eligibility: { path: eligibilityPath, ...summary.eligibility } } : {}),
  };
}
