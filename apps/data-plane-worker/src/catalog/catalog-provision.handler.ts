import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobOf } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { EventPublisher } from '../events/event-publisher';
import { classifyFailure } from '../healing/failure-classifier';
import { errorForQueue } from '../healing/failure-policy';
import { decideHealing } from '../healing/healing-policy';
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
    const { tenantId, catalogName } = job.data;
    try {
      await this.lakehouse.provision({ tenantId, catalogName });
    } catch (error) {
      const classified = classifyFailure(error);
      const decision = decideHealing(classified.failureClass, 'run', context.attempt, context.maxAttempts);
      this.logger.error({ msg: 'catalog provisioning failed', tenantId, code: classified.failure.code, attempt: context.attempt, action: decision.action });
      if (!decision.retry) {
        await this.events.publish({
          name: 'catalog.failed',
          data: { tenantId, catalogName, at: new Date().toISOString(), error: classified.failure },
        });
      }
      throw errorForQueue(classified.failure, decision.retry);
    }
    await this.events.publish({ name: 'catalog.provisioned', data: { tenantId, catalogName, at: new Date().toISOString() } });
    this.logger.log({ msg: 'catalog provisioned', tenantId, catalogName });
  }
}
