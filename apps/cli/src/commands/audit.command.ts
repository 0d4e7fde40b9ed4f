import { UsageError, type CliIo } from '../cli-io';
import { commonOptions, parse, type Command } from '../command';
import { emit, table } from '../output';
import { authenticatedClient } from '../session';

interface Verification {
  tenantId: string | null;
  ok: boolean;
  entries: number;
  headSeq: number | null;
  headHash: string | null;
  firstBroken?: { seq: number; reason: 'hash_mismatch' | 'chain_break' | 'seq_gap' };
}

interface AuditEvent {
  seq: number;
  at: string;
  actor: { type: string; id: string | null; role: string | null };
  action: string;
  resource: { type: string | null; id: string | null } | null;
  outcome: string;
  statusCode: number | null;
  requestId: string | null;
}

const REASONS: Record<NonNullable<Verification['firstBroken']>['reason'], string> = {
  hash_mismatch: 'the entry was changed after it was written',
  chain_break: 'the entry does not follow the one before it (an entry was removed or replaced)',
  seq_gap: 'sequence numbers skip',
};

const tenantOption = { tenant: { type: 'string' } } as const;

function chainQuery(tenant: string | undefined): string {
  return tenant === undefined ? '' : `tenantId=${encodeURIComponent(tenant)}`;
}

function noPositionals(positionals: string[], usage: string): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'\nusage: ${usage}`);
}

const verifyUsage = 'ade audit verify [--tenant ID] [--api-url URL] [--json]';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  usage: verifyUsage,
  summary: 'Check the audit log hash chain (exit 1 when broken) and print its head hash to record elsewhere',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, ...tenantOption }, verifyUsage);
    noPositionals(positionals, verifyUsage);
    const client = await authenticatedClient(io, values['api-url']);
    const query = chainQuery(values.tenant);
    const result = await client.get<Verification>(`/v1/audit/verify${query ? `?${query}` : ''}`);
    emit(io, values.json, result, () => [
      `Chain       ${result.tenantId ?? 'platform'}`,
      `Entries     ${result.entries}`,
      `Head        ${result.headSeq === null ? '(empty)' : `seq ${result.headSeq}  ${result.headHash}`}`,
      result.firstBroken
        ? `BROKEN      at seq ${result.firstBroken.seq}: ${result.firstBroken.reason} (${REASONS[result.firstBroken.reason]})`
        : 'OK          every entry matches its hash and links to the one before',
      '',
      'Record the head hash outside the platform: removing the newest entries leaves a valid, shorter',
      'chain that only a comparison with a recorded head reveals.',
    ]);
    return result.ok ? 0 : 1;
  },
};

const logUsage = 'ade audit log [--tenant ID] [--limit N] [--before SEQ] [--api-url URL] [--json]';

export const auditLogCommand: Command = {
  path: ['audit', 'log'],
  usage: logUsage,
  summary: 'List the newest audit log entries (who did what, when, with what outcome)',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(argv, { ...commonOptions, ...tenantOption, limit: { type: 'string' }, before: { type: 'string' } }, logUsage);
    noPositionals(positionals, logUsage);
    const params = [chainQuery(values.tenant)];
    for (const flag of ['limit', 'before'] as const) {
      const value = values[flag];
      if (value === undefined) continue;
      if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`--${flag} must be a positive whole number\nusage: ${logUsage}`);
      params.push(`${flag}=${value}`);
    }
    const query = params.filter(Boolean).join('&');
    const client = await authenticatedClient(io, values['api-url']);
    const page = await client.get<{ tenantId: string | null; items: AuditEvent[]; nextBefore: number | null }>(`/v1/audit/events${query ? `?${query}` : ''}`);
    emit(io, values.json, page, () =>
      page.items.length === 0
        ? ['No audit entries.']
        : [
            ...table([
              ['SEQ', 'AT', 'ACTOR', 'ROLE', 'ACTION', 'RESOURCE', 'OUTCOME'],
              ...page.items.map((e) => [
                String(e.seq),
                e.at,
                e.actor.id ? `${e.actor.type}:${e.actor.id.slice(0, 8)}` : e.actor.type,
                e.actor.role ?? '-',
                e.action,
                e.resource?.id ?? e.resource?.type ?? '-',
                `${e.outcome}${e.statusCode === null ? '' : ` ${e.statusCode}`}`,
              ]),
            ]),
            ...(page.nextBefore ? ['', `Older entries: ade audit log --before ${page.nextBefore}`] : []),
          ],
    );
    return 0;
  },
};
