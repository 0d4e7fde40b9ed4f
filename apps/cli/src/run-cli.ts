import { CliError, type CliIo } from './cli-io';
import type { Command } from './command';
import { apikeyCreateCommand, apikeyListCommand, apikeyRevokeCommand } from './commands/apikey.command';
import { auditLogCommand, auditVerifyCommand } from './commands/audit.command';
import { catalogHealthCommand } from './commands/catalog-health.command';
import { connectorCreateCommand, connectorDeleteCommand, connectorListCommand, connectorTestCommand } from './commands/connector.command';
import { catalogInitCommand } from './commands/catalog-init.command';
import { clusterMonitorCommand } from './commands/cluster-monitor.command';
import { clusterCreateCommand, clusterListCommand, clusterPolicyCommand, clusterResizeCommand, clusterTerminateCommand } from './commands/cluster.command';
import { generateClaimsCommand } from './commands/generate-claims.command';
import { lineageCommand } from './commands/lineage.command';
import { loginCommand } from './commands/login.command';
import { logoutCommand } from './commands/logout.command';
import { mappingAcceptCommand, mappingEditCommand, mappingShowCommand } from './commands/mapping.command';
import { pipelineCreateCommand } from './commands/pipeline-create.command';
import { pipelineListCommand } from './commands/pipeline-list.command';
import { pipelineLogsCommand } from './commands/pipeline-logs.command';
import { pipelineRunCommand } from './commands/pipeline-run.command';
import { qualityAlertsCommand } from './commands/quality-alerts.command';
import { qualityCheckCommand } from './commands/quality-check.command';
import { qualityQuarantineCommand } from './commands/quality-quarantine.command';
import { qualityReleaseCommand } from './commands/quality-release.command';
import { qualityTrendsCommand } from './commands/quality-trends.command';
import { statusCommand } from './commands/status.command';
import { billingStatusCommand } from './commands/billing-status.command';
import { costReportCommand } from './commands/cost-report.command';
import { exportCommand } from './commands/export.command';
import { uploadCommand } from './commands/upload.command';
import { validateCommand } from './commands/validate.command';
import { warehouseAutoStopCommand, warehouseListCommand } from './commands/warehouse.command';
import { webhookSetCommand, webhookShowCommand } from './commands/webhook.command';
import { mfaDisableCommand, mfaEnrollCommand, mfaStatusCommand, tenantMfaCommand } from './commands/mfa.command';
import { tenantEngineCommand } from './commands/tenant-engine.command';
import { tenantCreateCommand, tenantListCommand, userCreateCommand, userListCommand } from './commands/tenant-user.command';

export const commands: Command[] = [
  loginCommand,
  logoutCommand,
  mfaEnrollCommand,
  mfaStatusCommand,
  mfaDisableCommand,
  tenantCreateCommand,
  tenantListCommand,
  userCreateCommand,
  userListCommand,
  tenantMfaCommand,
  tenantEngineCommand,
  statusCommand,
  billingStatusCommand,
  costReportCommand,
  catalogInitCommand,
  catalogHealthCommand,
  connectorCreateCommand,
  connectorListCommand,
  connectorTestCommand,
  connectorDeleteCommand,
  pipelineCreateCommand,
  pipelineListCommand,
  pipelineRunCommand,
  uploadCommand,
  exportCommand,
  pipelineLogsCommand,
  mappingShowCommand,
  mappingAcceptCommand,
  mappingEditCommand,
  qualityCheckCommand,
  qualityTrendsCommand,
  qualityAlertsCommand,
  qualityQuarantineCommand,
  qualityReleaseCommand,
  lineageCommand,
  webhookSetCommand,
  webhookShowCommand,
  apikeyCreateCommand,
  apikeyListCommand,
  apikeyRevokeCommand,
  auditVerifyCommand,
  auditLogCommand,
  validateCommand,
  generateClaimsCommand,
  clusterCreateCommand,
  clusterPolicyCommand,
  clusterListCommand,
  clusterResizeCommand,
  clusterTerminateCommand,
  clusterMonitorCommand,
  warehouseListCommand,
  warehouseAutoStopCommand,
];

function help(listed: readonly Command[] = commands, heading = 'ade: the command line of the healthcare data platform'): string {
  const width = Math.max(...listed.map((c) => c.path.join(' ').length));
  return [
    heading,
    '',
    'Commands:',
    ...listed.map((c) => `  ade ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json for machine-readable output and --api-url to pick the API',
    '(default: ADE_API_URL, then the URL you logged in to, then http://127.0.0.1:3000).',
    "`ade help COMMAND` or `ade COMMAND --help` shows a command's usage.",
  ].join('\n');
}

/** The command whose words begin `argv`, the longest such when several do. */
function commandOf(argv: readonly string[]): Command | undefined {
  return commands.filter((c) => c.path.every((word, i) => argv[i] === word)).sort((x, y) => y.path.length - x.path.length)[0];
}

/**
 * Help for what `words` name: a command's usage and summary, the commands of a group (`ade help
 * pipeline`), or everything. Words that name nothing are a usage error.
 */
function helpFor(words: readonly string[], io: CliIo): number {
  const command = commandOf(words);
  if (command) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  const group = commands.filter((c) => words.every((word, i) => c.path[i] === word));
  if (group.length === 0) {
    io.stderr(`ade: no command '${words.join(' ')}'\n\n${help()}\n`);
    return 2;
  }
  io.stdout(`${help(group, `ade ${words.join(' ')}: ${group.length} command${group.length === 1 ? '' : 's'}`)}\n`);
  return 0;
}

const HELP_FLAGS = new Set(['--help', '-h']);

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failed, 2 usage error. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stdout(`${help()}\n`);
    return 2;
  }
  if (argv[0] === 'help') return helpFor(argv.slice(1), io);
  // A help flag anywhere asks for help with what the words before it name.
  const flagAt = argv.findIndex((arg) => HELP_FLAGS.has(arg));
  if (flagAt >= 0) return helpFor(argv.slice(0, flagAt), io);
  const command = commandOf(argv);
  if (!command) {
    io.stderr(`ade: unknown command '${argv.slice(0, 2).join(' ')}'\n\n${help()}\n`);
    return 2;
  }
  try {
    return await command.run(argv.slice(command.path.length), io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`ade: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`ade: unexpected error: ${(error as Error).message}\n`);
    return 1;
  }
}
