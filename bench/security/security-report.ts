/**
 * bench/security, the pure part: what each mode is, the ratios reported, the statistics over
 * rounds and the printed table. Tested by bench-security.spec.ts; the measurement is in
 * security-modes.ts, the run in bench-security.ts.
 */
import { median, round } from '../support/stats';

export interface BenchOptions {
  tenants: number;
  pipelinesPerTenant: number;
  rounds: number;
  readOps: number;
  auditOps: number;
  concurrencies: number[];
  warmupOps: number;
  /** Entries of other tenants' chains in audit_events before the bench appends (the table is never small in production). */
  auditFillerRows: number;
}

/** What each measurement is, in the order of the report. */
export const MODES = {
  pointBare: 'point read, owner, autocommit (baseline)',
  pointTx: 'point read, owner, BEGIN + read + COMMIT',
  pointTxSettings: 'point read, owner, inTenantScope (START TRANSACTION and set_config in one message, read, COMMIT; RLS bypassed)',
  pointScoped: 'point read, ade_app, inTenantScope (a scoped transaction: what writes use)',
  pointScopedRead: 'point read, ade_app, readInTenantScope (scope and read in one message: what repository reads use)',
  pointPolicyOnly: 'point read, ade_app, autocommit, tenant set once per held connection (policy alone)',
  pointBareHeld: 'point read, owner, autocommit, held connection (baseline of the policy alone)',
  listBare: 'list read (LIMIT 50), owner, autocommit (baseline)',
  listScoped: 'list read (LIMIT 50), ade_app, inTenantScope',
  listScopedRead: 'list read (LIMIT 50), ade_app, readInTenantScope',
  listPolicyOnly: 'list read (LIMIT 50), ade_app, autocommit, tenant set once per held connection',
  listBareHeld: 'list read (LIMIT 50), owner, autocommit, held connection',
  insertPlain: 'plain INSERT of an audit row, owner, autocommit (baseline)',
  auditOneChain: 'AuditLogRepository.append, ade_app, one chain',
  auditEightChains: 'AuditLogRepository.append, ade_app, 8 chains (one per writer)',
} as const;
export type ModeName = keyof typeof MODES;

/** The ratios reported: [name, measured mode, baseline mode]. */
export const RATIOS: ReadonlyArray<[string, ModeName, ModeName]> = [
  ['scopedReadToBare', 'pointScoped', 'pointBare'],
  ['oneMessageScopedReadToBare', 'pointScopedRead', 'pointBare'],
  ['transactionOnlyToBare', 'pointTx', 'pointBare'],
  ['transactionAndSettingsToBare', 'pointTxSettings', 'pointBare'],
  ['policyOnlyToHeldBare', 'pointPolicyOnly', 'pointBareHeld'],
  ['scopedToSameStatementsAsOwner', 'pointScoped', 'pointTxSettings'],
  ['scopedListToBareList', 'listScoped', 'listBare'],
  ['oneMessageScopedListToBareList', 'listScopedRead', 'listBare'],
  ['listPolicyOnlyToHeldBareList', 'listPolicyOnly', 'listBareHeld'],
  ['auditAppendOneChainToPlainInsert', 'auditOneChain', 'insertPlain'],
  ['auditAppendEightChainsToPlainInsert', 'auditEightChains', 'insertPlain'],
];

// ---------------------------------------------------------------------------------------------
// Statistics

export interface RoundStats {
  ops: number;
  medianUs: number;
  p95Us: number;
  opsPerSec: number;
}

export interface ModeStats extends RoundStats {
  rounds: RoundStats[];
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** One round of one mode: per-operation latencies (µs) and the round's wall time. */
export function summarizeRound(latenciesUs: readonly number[], wallMs: number): RoundStats {
  return {
    ops: latenciesUs.length,
    medianUs: round(median(latenciesUs), 1),
    p95Us: round(percentile(latenciesUs, 95), 1),
    opsPerSec: round(latenciesUs.length / (wallMs / 1000)),
  };
}

/** A mode over all rounds: the median of each round's figures (robust to one disturbed round). */
export function combineRounds(rounds: readonly RoundStats[]): ModeStats {
  return {
    ops: rounds.reduce((sum, r) => sum + r.ops, 0),
    medianUs: round(median(rounds.map((r) => r.medianUs)), 1),
    p95Us: round(median(rounds.map((r) => r.p95Us)), 1),
    opsPerSec: round(median(rounds.map((r) => r.opsPerSec))),
    rounds: [...rounds],
  };
}

export interface Ratio {
  /** Median over rounds of (mode's median latency / baseline's median latency in the same round). */
  latency: number;
  /** Median over rounds of (baseline ops/s / mode ops/s in the same round): the throughput cost. */
  throughput: number;
}

/** Ratios taken round by round (both measured minutes apart at most), then the median. */
export function roundRatio(mode: readonly RoundStats[], baseline: readonly RoundStats[]): Ratio {
  if (mode.length !== baseline.length || mode.length === 0) throw new Error('ratio needs the same rounds on both sides');
  return {
    latency: round(median(mode.map((m, i) => m.medianUs / baseline[i]!.medianUs)), 2),
    throughput: round(median(mode.map((m, i) => baseline[i]!.opsPerSec / m.opsPerSec)), 2),
  };
}

export function ratiosFor(modes: Partial<Record<ModeName, ModeStats>>): Record<string, Ratio> {
  const ratios: Record<string, Ratio> = {};
  for (const [name, mode, baseline] of RATIOS) {
    const m = modes[mode];
    const b = modes[baseline];
    if (m && b) ratios[name] = roundRatio(m.rounds, b.rounds);
  }
  return ratios;
}

/** The order modes run in during round `index`: rotated each round so none always runs first. */
export function roundOrder<T>(modes: readonly T[], index: number): T[] {
  const shift = modes.length === 0 ? 0 : index % modes.length;
  return [...modes.slice(shift), ...modes.slice(0, shift)];
}

// ---------------------------------------------------------------------------------------------
// Result and table

export interface ServerSideTimes {
  samples: number;
  planningUs: number;
  executionUs: number;
}

export interface SecurityBenchResult {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string | undefined;
    memoryGiB: number;
    node: string;
    postgres: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  setup: BenchOptions & { poolSize: number; pipelines: number };
  /** By concurrency ("1", "8"), by mode. */
  modes: Record<string, Partial<Record<ModeName, ModeStats>>>;
  ratios: Record<string, Record<string, Ratio>>;
  /** The bench's chains (verified after the run) and audit_events' size at the end, filler included. */
  auditChains: { verified: boolean; entries: number; chains: number; tableRowsAtEnd: number };
  /** EXPLAIN ANALYZE of the reads as the owner and in tenant scope, and of the append's chain-head lookup (tenant chain). */
  plans: Record<'pointBare' | 'pointScoped' | 'listBare' | 'listScoped' | 'auditLastEntry', string>;
  /** Planning and execution inside PostgreSQL (EXPLAIN ANALYZE), concurrency 1, no round trips. */
  serverSide: Record<'pointBare' | 'pointPolicy' | 'listBare' | 'listPolicy' | 'auditLastEntry' | 'auditLastEntryPlatform', ServerSideTimes>;
  durationMs: number;
}

export function formatTable(result: Pick<SecurityBenchResult, 'modes' | 'ratios'>): string {
  const lines: string[] = [];
  const width = Math.max(...Object.values(MODES).map((label) => label.length)) + 2;
  for (const [concurrency, modes] of Object.entries(result.modes)) {
    lines.push(`concurrency ${concurrency}`);
    lines.push(`${'mode'.padEnd(width)} ${'median µs'.padStart(10)} ${'p95 µs'.padStart(10)} ${'ops/s'.padStart(8)}`);
    for (const name of Object.keys(MODES) as ModeName[]) {
      const stats = modes[name];
      if (!stats) continue;
      lines.push(
        `${MODES[name].padEnd(width)} ${stats.medianUs.toFixed(1).padStart(10)} ${stats.p95Us.toFixed(1).padStart(10)} ${String(stats.opsPerSec).padStart(8)}`,
      );
    }
    const ratios = result.ratios[concurrency] ?? {};
    lines.push(`${'ratio'.padEnd(40)} ${'latency ×'.padStart(10)} ${'throughput ×'.padStart(13)}`);
    for (const [name, ratio] of Object.entries(ratios)) {
      lines.push(`${name.padEnd(40)} ${ratio.latency.toFixed(2).padStart(10)} ${ratio.throughput.toFixed(2).padStart(13)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
