import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { EventData } from '@ade/contracts';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { QuarantineRelease } from './quarantine-release.entity';
import { ruleOfSql } from './quarantine-rule';

export interface ReleasedTally {
  released: number;
  byRule: Map<string, number>;
}

/**
 * Release requests and the outcomes workers report. A succeeded release never changes again; a
 * failure is recorded only while the release is still queued, so a late or repeated event is inert.
 */
@Injectable()
export class QuarantineReleasesRepository extends TenantScopedRepository<QuarantineRelease> {
  constructor(@InjectRepository(QuarantineRelease) repository: Repository<QuarantineRelease>) {
    super(repository);
  }

  /** Also after a reported failure: the worker's retry of the same job may still succeed. */
  async markReleased(event: EventData<'quarantine.released'>): Promise<void> {
    await this.query(event.tenantId,
      `UPDATE quarantine_releases
       SET status = 'succeeded', examined = $3, released = $4, by_rule = $5, error_code = NULL, error_message = NULL, finished_at = $6
       WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'failed')`,
      [event.tenantId, event.releaseId, event.examined, event.released, JSON.stringify(event.byRule), event.at],
    );
  }

  async markFailed(tenantId: string, releaseId: string, error: { code: string; message: string }, at: string | Date): Promise<void> {
    await this.query(tenantId,
      `UPDATE quarantine_releases SET status = 'failed', error_code = $3, error_message = $4, finished_at = $5
       WHERE tenant_id = $1 AND id = $2 AND status = 'queued'`,
      [tenantId, releaseId, error.code, error.message, at],
    );
  }

  /** Rows the table's succeeded releases moved back to silver, in all and by rule (see ruleOf). */
  async releasedTally(tenantId: string, table: string): Promise<ReleasedTally> {
    return this.inScope(tenantId, async (repository) => {
      const [total]: Array<{ released: string }> = await repository.query(
        `SELECT coalesce(sum(released), 0) AS released FROM quarantine_releases WHERE tenant_id = $1 AND table_name = $2 AND status = 'succeeded'`,
        [tenantId, table],
      );
      const byRule: Array<{ rule: string; released: string }> = await repository.query(
        `SELECT ${ruleOfSql('r.rule')} AS rule, sum(r.released) AS released
         FROM quarantine_releases q, jsonb_to_recordset(q.by_rule) AS r (rule text, released bigint)
         WHERE q.tenant_id = $1 AND q.table_name = $2 AND q.status = 'succeeded'
         GROUP BY 1`,
        [tenantId, table],
      );
      return { released: Number(total!.released), byRule: new Map(byRule.map((row) => [row.rule, Number(row.released)])) };
    });
  }
}
