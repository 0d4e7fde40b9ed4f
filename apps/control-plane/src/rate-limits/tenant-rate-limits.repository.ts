import { Injectable } from '@nestjs/common';
import { DatabaseScope } from '../database/database-scope';

/** The per-tenant override of the API rate limit, a nullable column of the tenant's own row. */
@Injectable()
export class TenantRateLimitsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  /** undefined: no such tenant; null: the tenant uses the platform default. */
  async overrideFor(tenantId: string): Promise<number | null | undefined> {
    const rows: Array<{ api_rate_limit_per_minute: number | null }> = await this.scope.forTenant(tenantId, (tx) =>
      tx.query(`SELECT api_rate_limit_per_minute FROM tenants WHERE id = $1`, [tenantId]),
    );
    return rows.length === 0 ? undefined : rows[0]!.api_rate_limit_per_minute;
  }

  /** Whether the tenant exists (and so was changed). */
  async setOverride(tenantId: string, limit: number | null): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.scope.forTenant(tenantId, (tx) =>
      tx.query(`UPDATE tenants SET api_rate_limit_per_minute = $2, updated_at = now() WHERE id = $1`, [tenantId, limit]),
    );
    return affected > 0;
  }
}
