import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { InvalidFieldError, NotFoundError } from '../common/app-error';
import { billingMonth, previousMonth } from '../billing/billing-period';
import type { CostModel } from './cost-model';
import { CostModelsRepository } from './cost-models.repository';
import { costSavings, elapsedHours, pricingMethod, type CostSavings } from './cost-report';
import { RunCostsRepository, type CostTotals } from './run-costs.repository';
import type { CostReportQuery } from './dto/cost-report-query.dto';

export interface CostRow extends CostTotals {
  key: string;
  label: string | null;
}

export interface CostReport {
  currency: 'USD';
  tenantId: string | null;
  period: { from: Date; to: Date; months: string[] };
  groupBy: 'pipeline' | 'month' | 'tenant';
  pipelineId: string | null;
  rows: CostRow[];
  total: CostTotals;
  savings: CostSavings;
  pricing: string;
}

const ZERO: CostTotals = {
  runs: 0,
  cpuSeconds: 0,
  databricksRuns: 0,
  databricksHours: 0,
  bytesRead: 0,
  bytesSkipped: 0,
  bytesWritten: 0,
  rowsRead: 0,
  rowsWritten: 0,
  costUsd: 0,
  spotSavingsUsd: 0,
  sharedRuns: 0,
  databricksBilledUsd: 0,
  databricksHourlyUsd: 0,
  neverStoppingRuns: 0,
};

/** Sums two groups; the hourly rate is the higher of the two, not a sum. */
function add(a: CostTotals, b: CostTotals): CostTotals {
  const sum = Object.fromEntries(Object.keys(ZERO).map((key) => [key, a[key as keyof CostTotals] + b[key as keyof CostTotals]])) as unknown as CostTotals;
  return { ...sum, databricksHourlyUsd: Math.max(a.databricksHourlyUsd, b.databricksHourlyUsd) };
}

function totalsOf(row: CostTotals): CostTotals {
  return Object.fromEntries(Object.keys(ZERO).map((key) => [key, row[key as keyof CostTotals]])) as unknown as CostTotals;
}

/** Twelve months ending with `last` (or one), as [from, to) and their names. */
function periodOf(query: CostReportQuery, now: Date): { from: Date; to: Date; months: string[] } {
  const last = billingMonth(query.month ? new Date(`${query.month}-01T00:00:00Z`) : now);
  const count = query.monthly ? 12 : 1;
  const months: string[] = [];
  let month = last;
  for (let i = 0; i < count; i++) {
    months.unshift(month.month);
    if (i < count - 1) month = previousMonth(month);
  }
  return { from: month.from, to: last.to, months };
}

/**
 * Cost per tenant, pipeline and month from the runs' recorded use and prices, with the period's
 * savings and how each figure was computed. Tenant users see their own tenant; platform operators
 * every tenant's (or one's) totals, never a tenant's pipelines.
 */
@Injectable()
export class CostsService {
  constructor(
    private readonly costs: RunCostsRepository,
    private readonly models: CostModelsRepository,
  ) {}

  async report(caller: AuthUser, query: CostReportQuery, now = new Date()): Promise<CostReport> {
    const period = periodOf(query, now);
    const hours = elapsedHours(period.from, period.to, now);
    if (caller.role === 'platform_operator') {
      if (query.pipeline) throw new InvalidFieldError('pipeline', "is for tenant users: operators see tenants' totals");
      return this.acrossTenants(query, period, hours);
    }
    if (query.tenantId && query.tenantId !== caller.tenantId) throw new InvalidFieldError('tenantId', 'is for platform operators');
    const tenantId = caller.tenantId!;
    const groupBy = query.monthly ? 'month' : 'pipeline';
    const rows = (await this.costs.grouped(tenantId, groupBy, period.from, period.to, query.pipeline ?? null)).map((row) => ({ ...totalsOf(row), key: row.key, label: row.label }));
    const total = rows.reduce<CostTotals>((sum, row) => add(sum, row), ZERO);
    const { model } = await this.models.get(tenantId);
    return { currency: 'USD', tenantId, period, groupBy, pipelineId: query.pipeline ?? null, rows, total, savings: costSavings(total, hours), pricing: pricingMethod(model) };
  }

  private async acrossTenants(query: CostReportQuery, period: { from: Date; to: Date; months: string[] }, hours: number): Promise<CostReport> {
    const facts = await this.costs.perTenantAndMonth(period.from, period.to);
    const mine = facts.filter((row) => !query.tenantId || row.tenantId === query.tenantId);
    const groupBy = query.monthly ? 'month' : 'tenant';
    const rows = new Map<string, CostRow>();
    const perTenant = new Map<string, CostTotals>();
    for (const fact of mine) {
      const key = groupBy === 'month' ? fact.month : fact.tenantId;
      const previous = rows.get(key) ?? { ...ZERO, key, label: groupBy === 'month' ? fact.month : null };
      rows.set(key, { ...add(previous, totalsOf(fact)), key, label: previous.label });
      perTenant.set(fact.tenantId, add(perTenant.get(fact.tenantId) ?? ZERO, totalsOf(fact)));
    }
    const total = [...perTenant.values()].reduce<CostTotals>((sum, row) => add(sum, row), ZERO);
    // Savings are each tenant's (its own runs' rates), summed.
    const savings = [...perTenant.values()].map((totals) => costSavings(totals, hours));
    const sum = (pick: (s: CostSavings) => number) => savings.reduce((acc, s) => acc + pick(s), 0);
    return {
      currency: 'USD',
      tenantId: query.tenantId ?? null,
      period,
      groupBy,
      pipelineId: null,
      rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)),
      total,
      savings: {
        skippedFiles: { usd: sum((s) => s.skippedFiles.usd), bytesSkipped: total.bytesSkipped, method: "per tenant: bytes of files skipped as already ingested × that tenant's cost per byte read in the period; summed" },
        spot: { usd: sum((s) => s.spot.usd), method: "per Databricks run as recorded: wall hours × worker nodes × VM price per node hour × the spot discount of the run's cost model; summed" },
        autoTermination: { usd: sum((s) => s.autoTermination.usd), method: "per tenant, a compute that never stopped less what was billed (each run's hours and idle tail at its rate); summed" },
      },
      pricing: 'each run priced by its tenant’s cost model in force when it finished (GET /v1/tenants/:id/cost-model)',
    };
  }

  /** A tenant's prices: operators any tenant's, tenant users their own (another tenant's is not found). */
  async model(caller: AuthUser, tenantId: string): Promise<{ tenantId: string; own: boolean; model: CostModel }> {
    if (caller.role !== 'platform_operator' && caller.tenantId !== tenantId) throw new NotFoundError('tenant');
    return { tenantId, ...(await this.models.get(tenantId)) };
  }

  async setModel(tenantId: string, model: CostModel): Promise<{ tenantId: string; own: boolean; model: CostModel }> {
    await this.models.set(tenantId, model);
    return { tenantId, own: true, model };
  }
}
