import type { CatalogHealth } from '@ade/contracts';
import { CliError, UsageError } from '../cli-io';
import { commonOptions, parse, positiveSeconds, waitFor, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

const usage = 'ade catalog health [CATALOG] [--no-wait] [--timeout SECONDS] [--api-url URL] [--json]';

interface HealthCheck {
  id: string;
  status: 'queued' | 'reported' | 'failed';
  report: CatalogHealth | null;
  error: { code: string; message: string } | null;
}

export const catalogHealthCommand: Command = {
  path: ['catalog', 'health'],
  usage,
  summary: "Check your catalog: schemas, tables, rows, last writes, PHI columns, governance (exit 1 on findings)",
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...commonOptions, 'no-wait': { type: 'boolean', default: false }, timeout: { type: 'string' } }, usage);
    if (positionals.length > 1) throw new UsageError(`expected at most one CATALOG\nusage: ${usage}`);
    const client = await authenticatedClient(io, values['api-url']);
    let check = await client.post<HealthCheck>('/v1/catalog/health', positionals[0] === undefined ? {} : { catalog: positionals[0] });
    if (values['no-wait']) {
      emit(io, values.json, check, () => [`Health check ${check.id} is ${check.status}`]);
      return 0;
    }
    check = await waitFor(io, () => client.get<HealthCheck>(`/v1/catalog/health/${check.id}`), (c) => c.status !== 'queued', positiveSeconds(values.timeout, 'timeout', 60), 'the health check');
    if (check.status === 'failed' || !check.report) throw new CliError(`the health check failed: ${check.error?.message ?? 'unknown reason'}`);
    const report = check.report;
    emit(io, values.json, report, () => describe(report));
    return report.findings.length > 0 ? 1 : 0;
  },
};

function describe(report: CatalogHealth): string[] {
  const schemas = report.schemas.map((s) => (s.present ? s.name : `${s.name} (missing)`)).join(', ');
  const tables = report.tables.filter((t) => !t.table.includes('._system.'));
  return [
    `Catalog ${report.catalogName} (${report.engine} engine): schemas ${schemas}`,
    '',
    ...(tables.length
      ? table([['TABLE', 'ROWS', 'LAST WRITE', 'PHI COLUMNS'], ...tables.map((t) => [t.table, String(t.rows), t.lastWriteAt ?? '-', t.phiColumns.length ? t.phiColumns.join(', ') : '-'])])
      : ['No tables yet']),
    '',
    report.governance === null
      ? 'Governance: the embedded engine has no tags, masks or grants; PHI stays in the data plane, masked in samples and logs.'
      : `Governance: ${report.governance.untaggedPhiColumns.length} untagged PHI column(s), ${report.governance.unmaskedPhiColumns.length} unmasked member identifier(s) or name(s), PHI mask ${report.governance.phiMask}, ${report.governance.missingGrants.length} missing grant(s)`,
    ...(report.findings.length ? ['', ...table([['FINDING', 'SUBJECT', 'MESSAGE'], ...report.findings.map((f) => [f.kind, f.subject, f.message])])] : ['No findings']),
  ];
}
