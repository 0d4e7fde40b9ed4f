import { describe, expect, it } from 'vitest';
import { runSecurityBench } from './bench-security';
import { chainHeadSql, modesAt } from './security-modes';
import { median } from '../support/stats';
import { combineRounds, formatTable, percentile, ratiosFor, roundOrder, roundRatio, summarizeRound, type RoundStats } from './security-report';

const stats = (medianUs: number, opsPerSec: number): RoundStats => ({ ops: 100, medianUs, p95Us: medianUs * 2, opsPerSec });

// The statistics and the report are pure; the figures themselves come from `npm run bench:security`.
describe('bench/security statistics', () => {
  it('takes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(() => median([])).toThrow();
  });

  it('summarizes a round as median and p95 latency and ops/s over its wall time', () => {
    const latencies = Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10..200 µs
    expect(summarizeRound(latencies, 500)).toEqual({ ops: 20, medianUs: 105, p95Us: 190, opsPerSec: 40 });
  });

  it('combines rounds by the median of each figure and keeps the rounds', () => {
    const combined = combineRounds([stats(100, 900), stats(300, 100), stats(110, 1000)]);
    expect(combined).toMatchObject({ ops: 300, medianUs: 110, p95Us: 220, opsPerSec: 900 });
    expect(combined.rounds).toHaveLength(3);
  });

  it('takes ratios round by round, so a disturbed round moves both sides together', () => {
    // Round 2 is twice as slow for both: the per-round ratio stays 3.
    const baseline = [stats(100, 1000), stats(200, 500), stats(100, 1000)];
    const scoped = [stats(300, 400), stats(600, 200), stats(300, 400)];
    expect(roundRatio(scoped, baseline)).toEqual({ latency: 3, throughput: 2.5 });
    expect(() => roundRatio(scoped.slice(1), baseline)).toThrow();
  });

  it('reports only the ratios whose two modes were measured', () => {
    const ratios = ratiosFor({ pointBare: combineRounds([stats(100, 1000)]), pointScoped: combineRounds([stats(450, 250)]) });
    expect(ratios).toEqual({ scopedReadToBare: { latency: 4.5, throughput: 4 } });
  });

  it('rotates the order of the modes from round to round', () => {
    expect(roundOrder(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(roundOrder(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(roundOrder(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });

  it('prints one table per concurrency with the modes and the ratios', () => {
    const table = formatTable({
      modes: { '1': { pointBare: combineRounds([stats(100, 1000)]), pointScoped: combineRounds([stats(450, 250)]) } },
      ratios: { '1': { scopedReadToBare: { latency: 4.5, throughput: 4 } } },
    });
    expect(table).toContain('concurrency 1');
    expect(table).toMatch(/point read, owner, autocommit \(baseline\)\s+100\.0\s+200\.0\s+1000/);
    expect(table).toMatch(/point read, ade_app, inTenantScope \(a scoped transaction: what writes use\)\s+450\.0\s+900\.0\s+250/);
    expect(table).toMatch(/scopedReadToBare\s+4\.50\s+4\.00/);
  });

  it('looks up a chain head as AuditLogRepository.appendIn does: an equality the partial indexes answer', () => {
    // Mirrors the repository's inChain(); IS NOT DISTINCT FROM made every append scan the whole table.
    expect(chainHeadSql('00000000-0000-4000-8000-000000000001')).toContain('WHERE tenant_id = $1::uuid ORDER BY seq DESC LIMIT 1');
    expect(chainHeadSql(null)).toContain('WHERE tenant_id IS NULL AND $1::uuid IS NULL ORDER BY seq DESC LIMIT 1');
    expect(chainHeadSql(null)).not.toMatch(/DISTINCT/);
  });

  it('measures the append on 8 chains only with 8 writers', () => {
    expect(modesAt(1)).toContain('auditOneChain');
    expect(modesAt(1)).not.toContain('auditEightChains');
    expect(modesAt(8)).toEqual(expect.arrayContaining(['pointScoped', 'pointScopedRead', 'listScoped', 'listScopedRead', 'insertPlain', 'auditOneChain', 'auditEightChains']));
  });
});

// Keeps the benchmark runnable against the real PostgreSQL: every scoped read must find its row
// (each operation checks its row count) and the concurrent appends must leave verifiable chains.
describe('bench/security', () => {
  it('measures every mode on a small schema and leaves intact audit chains', async () => {
    const result = await runSecurityBench({ tenants: 10, pipelinesPerTenant: 60, rounds: 1, readOps: 40, auditOps: 40, warmupOps: 8, auditFillerRows: 300 });
    expect(result.setup.pipelines).toBe(600);
    expect(Object.keys(result.modes)).toEqual(['1', '8']);
    expect(result.modes['8']!.auditEightChains!.ops).toBe(40);
    expect(result.ratios['1']!['scopedReadToBare']!.latency).toBeGreaterThan(0);
    expect(result.ratios['8']!['oneMessageScopedReadToBare']!.latency).toBeGreaterThan(0);
    expect(result.ratios['8']!['oneMessageScopedListToBareList']!.throughput).toBeGreaterThan(0);
    expect(result.ratios['8']!['auditAppendEightChainsToPlainInsert']!.throughput).toBeGreaterThan(0);
    expect(result.auditChains.verified).toBe(true);
    // warm-up + one round, each 8 + 40 appends by the real repository: at concurrency 1 on one
    // chain; at 8 on one chain and spread over the 8 chains.
    expect(result.auditChains.entries).toBe(3 * (8 + 40));
    expect(result.auditChains.tableRowsAtEnd).toBe(300 + result.auditChains.entries);
    // The scoped plans carry the tenant policy, its settings read once per statement (InitPlans,
    // referenced in the filter as $n, or (InitPlan n).col1 from PostgreSQL 17), not a
    // current_setting() call per row.
    for (const plan of [result.plans.pointScoped, result.plans.listScoped]) {
      expect(plan).toMatch(/InitPlan/);
      expect(plan).toMatch(/Filter: .*tenant_id = (\$\d|\(InitPlan \d+\)\.col1)/);
      expect(plan).not.toMatch(/Filter: .*current_setting/);
    }
    expect(result.plans.pointBare).not.toMatch(/InitPlan/);
    // The append's chain-head lookup reads the (tenant_id, seq) index backwards.
    expect(result.plans.auditLastEntry).toMatch(/Index Scan Backward using audit_events_tenant_seq_key/);
    expect(result.serverSide.pointPolicy.executionUs).toBeGreaterThan(0);
    expect(result.serverSide.auditLastEntry.executionUs).toBeGreaterThan(0);
    expect(result.serverSide.auditLastEntryPlatform.executionUs).toBeGreaterThan(0);
    expect(result.machine.postgres).toMatch(/^\d+/);
  });
});
