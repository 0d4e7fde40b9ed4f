import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobOf } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { EventPublisher } from '../events/event-publisher';
import { jobFailure } from '../jobs/job-failure';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';
import { QualityAgent } from './quality-agent';

/** A tenant admin's request to give a table's quarantined rows another chance. */
@Injectable()
export class QuarantineReleaseHandler {
  private readonly logger = new Logger(QuarantineReleaseHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    private readonly quality: QualityAgent,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('quality.release')
  async release(job: JobOf<'quality.release'>, context: JobContext): Promise<void> {
    const { tenantId, releaseId, pipelineId, catalogName, engine } = job.data;
    try {
      const catalog = await this.lakehouse.open({ tenantId, catalogName, engine });
      const result = await this.quality.release(job, catalog).finally(() => catalog.close());
      await this.events.publish({
        name: 'quarantine.released',
        data: { tenantId, releaseId, pipelineId, at: new Date().toISOString(), table: result.table, examined: result.examined, released: result.released, byRule: result.byRule },
      });
      this.logger.log({ msg: 'quarantine release finished', tenantId, releaseId, examined: result.examined, released: result.released });
    } catch (error) {
      throw await jobFailure(error, context, {
        logger: this.logger,
        msg: 'quarantine release failed',
        ids: { tenantId, releaseId },
        whenFinal: (failure) => this.events.publish({ name: 'quarantine.release_failed', data: { tenantId, releaseId, at: new Date().toISOString(), error: failure } }),
      });
    }
  }
}
