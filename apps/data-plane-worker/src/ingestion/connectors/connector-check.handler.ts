import { Inject, Injectable, Logger } from '@nestjs/common';
import { CHECK_LISTING_LIMIT, type JobOf } from '@ade/contracts';
import { EventPublisher } from '../../events/event-publisher';
import { jobFailure } from '../../jobs/job-failure';
import { JobHandler, type JobContext } from '../../jobs/job-handler.decorator';
import { CONNECTOR_CREDENTIALS, type ConnectorCredentialsSource } from './connector-credentials';
import { connectorStore } from './connector-store';

/**
 * `ade connector test`: logs in with the connector's credentials, as a run would, and reports the
 * files of its root (names and sizes, never contents), or why it could not.
 */
@Injectable()
export class ConnectorCheckHandler {
  private readonly logger = new Logger(ConnectorCheckHandler.name);

  constructor(
    @Inject(CONNECTOR_CREDENTIALS) private readonly credentials: ConnectorCredentialsSource,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('connector.check')
  async check(job: JobOf<'connector.check'>, context: JobContext): Promise<void> {
    const { tenantId, checkId, connectorId } = job.data;
    let files;
    try {
      const store = connectorStore(await this.credentials.fetch({ tenantId, connectorId, checkId }));
      try {
        files = await store.list();
      } finally {
        store.close();
      }
    } catch (error) {
      throw await jobFailure(error, context, {
        logger: this.logger,
        msg: 'connector check failed',
        ids: { tenantId, checkId, connectorId },
        whenFinal: (failure) => this.events.publish({ name: 'connector.check_failed', data: { tenantId, checkId, connectorId, at: new Date().toISOString(), error: failure } }),
      });
    }
    const totalBytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
    await this.events.publish({
      name: 'connector.checked',
      data: { tenantId, checkId, connectorId, at: new Date().toISOString(), fileCount: files.length, totalBytes, files: files.slice(0, CHECK_LISTING_LIMIT) },
    });
    this.logger.log({ msg: 'connector checked', tenantId, checkId, connectorId, files: files.length });
  }
}
