import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobOf } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { EventPublisher } from '../events/event-publisher';
import { jobFailure } from '../jobs/job-failure';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';

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
}
