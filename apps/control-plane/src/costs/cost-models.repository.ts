import { Injectable } from '@nestjs/common';
import { DatabaseScope } from '../database/database-scope';
import { costModelSchema, DEFAULT_COST_MODEL, type CostModel } from './cost-model';

/** Tenants' prices; a tenant without its own is priced by the default model. */
@Injectable()
export class CostModelsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async get(tenantId: string): Promise<{ model: CostModel; own: boolean }> {
    const rows = await this.scope.readForTenant(tenantId, (manager) => manager.query(`SELECT model FROM tenant_cost_models WHERE tenant_id = $1`, [tenantId]));
    return rows.length > 0 ? { model: costModelSchema.parse(rows[0].model), own: true } : { model: DEFAULT_COST_MODEL, own: false };
  }

  async set(tenantId: string, model: CostModel): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `INSERT INTO tenant_cost_models (tenant_id, model) VALUES ($1, $2) ON CONFLICT (tenant_id) DO UPDATE SET model = EXCLUDED.model, updated_at = now()`,
        [tenantId, JSON.stringify(model)],
      ),
    );
  }
}
