import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobOf } from '@ade/contracts';
import { LAKEHOUSE, type CatalogLocator, type Lakehouse } from '@ade/lakehouse';
import { EventPublisher } from '../events/event-publisher';
import { jobFailure } from '../jobs/job-failure';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { GOVERNED_COLUMNS } from './catalog-health-report';

@Injectable()
export class CatalogProvisionHandler {
  private readonly logger = new Logger(CatalogProvisionHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('catalog.provision')
  async provision(job: JobOf<'catalog.provision'>, context: JobContext): Promise<void> {
    const { tenantId, catalogName, engine } = job.data;
    try {
      await this.lakehouse.provision({ tenantId, catalogName, engine });
      await this.govern({ tenantId, catalogName, engine });
    } catch (error) {
      throw await jobFailure(error, context, {
        logger: this.logger,
        msg: 'catalog provisioning failed',
        ids: { tenantId },
        whenFinal: (failure) => this.events.publish({ name: 'catalog.failed', data: { tenantId, catalogName, at: new Date().toISOString(), error: failure } }),
      });
    }
    await this.events.publish({ name: 'catalog.provisioned', data: { tenantId, catalogName, at: new Date().toISOString() } });
    this.logger.log({ msg: 'catalog provisioned', tenantId, catalogName });
  }

  /**
   * Where the engine has tags, masks and grants, `ade catalog init` tags every PHI column, masks
   * every member identifier and name in silver and gold, and grants the reader groups (again each
   * time: tables and groups come and go).
   */
  private async govern(locator: CatalogLocator): Promise<void> {
    const catalog = await this.lakehouse.open(locator);
    try {
      await catalog.govern(GOVERNED_COLUMNS, true);
    } finally {
      await catalog.close();
    }
  }
}
