import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseScope } from '../database/database-scope';
import { DELETE_RUNS_SQL, EXPIRED_RUNS_SQL, RUN_DEPENDENT_COUNTS } from './retention-sql';

export interface RetentionTenant {
  id: string;
  legalHold: boolean;
}

/** Rows by table, e.g. { pipeline_runs: 3, incidents: 1 }. */
export type RemovedCounts = Record<string, number>;

@Injectable()
export class RetentionRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** Every tenant with its legal hold: the job's fan-out list. */
  tenants(): Promise<RetentionTenant[]> {
    return this.scope.asPlatform('retention: list tenants and their legal holds', async (tx) => {
      const rows: Array<{ id: string; legal_hold: boolean }> = await tx.query(`SELECT id, legal_hold FROM tenants ORDER BY created_at, id`);
      return rows.map((row) => ({ id: row.id, legalHold: row.legal_hold }));
    });
  }

  /** In `tx` (the tenant's scope): deletes its finished runs older than `before`, with everything cascading from them. */
  async deleteExpiredRuns(tx: EntityManager, tenantId: string, before: Date): Promise<RemovedCounts> {
    const runs: Array<{ id: string }> = await tx.query(EXPIRED_RUNS_SQL, [tenantId, before]);
    const ids = runs.map((run) => run.id);
    const removed: RemovedCounts = { pipeline_runs: ids.length };
    if (ids.length === 0) return removed;
    for (const { table, sql } of RUN_DEPENDENT_COUNTS) {
      const [row] = (await tx.query(sql, [ids])) as Array<{ n: string }>;
      removed[table] = Number(row?.n ?? 0);
    }
    await tx.query(DELETE_RUNS_SQL, [tenantId, ids]);
    return removed;
  }
}

/**
 * In `tx`: deletes the refresh tokens of `tenantId` (operators' when null) that expired before
 * `before`. Until it expires a used token is kept, so that replaying it is still recognized.
 */
export async function deleteExpiredRefreshTokens(tx: EntityManager, tenantId: string | null, before: Date): Promise<number> {
  const [, deleted] = (await tx.query(`DELETE FROM refresh_tokens WHERE tenant_id IS NOT DISTINCT FROM $1::uuid AND expires_at < $2`, [
    tenantId,
    before,
  ])) as [unknown, number];
  return deleted;
}

/** In `tx`: whether the tenant is on legal hold now; the row lock makes a concurrent hold wait for this transaction. */
export async function isOnLegalHold(tx: EntityManager, tenantId: string): Promise<boolean> {
  const rows: Array<{ legal_hold: boolean }> = await tx.query(`SELECT legal_hold FROM tenants WHERE id = $1 FOR SHARE`, [tenantId]);
  return rows[0]?.legal_hold ?? false;
}
