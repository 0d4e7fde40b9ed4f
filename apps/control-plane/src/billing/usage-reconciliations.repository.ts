import { Injectable } from '@nestjs/common';
import { DatabaseScope } from '../database/database-scope';

/** One tenant's month as last reconciled: what the ledger says was reported, what Stripe's meter summed. */
export interface UsageReconciliation {
  month: string;
  ledgerRecords: number;
  stripeRecords: number;
  checkedAt: Date;
}

const COLUMNS = `month, ledger_records::float8 AS "ledgerRecords", stripe_records::float8 AS "stripeRecords", checked_at AS "checkedAt"`;

@Injectable()
export class UsageReconciliationsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  async record(tenantId: string, reconciliation: UsageReconciliation): Promise<void> {
    await this.scope.forTenant(tenantId, (tx) =>
      tx.query(
        `INSERT INTO usage_reconciliations (tenant_id, month, ledger_records, stripe_records, checked_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, month) DO UPDATE SET ledger_records = EXCLUDED.ledger_records, stripe_records = EXCLUDED.stripe_records, checked_at = EXCLUDED.checked_at`,
        [tenantId, reconciliation.month, reconciliation.ledgerRecords, reconciliation.stripeRecords, reconciliation.checkedAt],
      ),
    );
  }

  async get(tenantId: string, month: string): Promise<UsageReconciliation | null> {
    const rows = await this.scope.readForTenant(tenantId, (manager) =>
      manager.query(`SELECT ${COLUMNS} FROM usage_reconciliations WHERE tenant_id = $1 AND month = $2`, [tenantId, month]),
    );
    return rows[0] ?? null;
  }
}
