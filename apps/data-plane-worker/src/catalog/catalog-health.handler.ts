import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobOf } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { EventPublisher } from '../events/event-publisher';
import { jobFailure } from '../jobs/job-failure';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { catalogHealthReport, GOVERNED_COLUMNS } from './catalog-health-report';

/** Takes stock of a tenant's catalog and reports it; names, counts and times only. */
@Injectable()
export class CatalogHealthHandler {
  private readonly logger = new Logger(CatalogHealthHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('catalog.health')
  async check(job: JobOf<'catalog.health'>, context: JobContext): Promise<void> {
    const { tenantId, checkId, catalogName, engine } = job.data;
    let report;
    try {
      const catalog = await this.lakehouse.open({ tenantId, catalogName, engine });
      try {
        report = catalogHealthReport(catalogName, catalog.dialect, await catalog.inventory(), await catalog.govern(GOVERNED_COLUMNS, false));
      } finally {
        await catalog.close();
      }
    } catch (error) {
      throw await jobFailure(error, context, {
        logger: this.logger,
        msg: 'catalog health check failed',
        ids: { tenantId, checkId },
        whenFinal: (failure) => this.events.publish({ name: 'catalog.health_failed', data: { tenantId, checkId, at: new Date().toISOString(), error: failure } }),
      });
    }
    await this.events.publish({ name: 'catalog.health_reported', data: { tenantId, checkId, at: new Date().toISOString(), report } });
    this.logger.log({ msg: 'catalog health reported', tenantId, checkId, tables: report.tables.length, findings: report.findings.length });
  }
}
