import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { tenantQueueName, type AnyJobInput, type EngineKind, type RunFailure } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { addJob, QueueKeyring } from '@ade/queue';
import { UnavailableError } from '../common/app-error';
import { DatabaseScope } from '../database/database-scope';
import { PRODUCER_REDIS } from './queue.tokens';

const RECORDED_REQUEST_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** Producer side of the per-tenant run queues; one BullMQ Queue per tenant, made on first use. Every job is sealed with its tenant's key. */
@Injectable()
export class TenantQueues implements OnModuleDestroy {
  private readonly logger = new Logger(TenantQueues.name);
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly config: QueueConfig,
    @Inject(PRODUCER_REDIS) private readonly redis: Redis,
    private readonly keyring: QueueKeyring,
    private readonly scope: DatabaseScope,
  ) {}

  /** A job that works on the tenant's catalog carries the engine it is on, read here so no producer can leave it out. */
  async dispatch(tenantId: string, job: AnyJobInput, options: JobsOptions & { jobId: string }): Promise<void> {
    if (job.data.tenantId !== tenantId) throw new Error('a job may only be sent to its own tenant queue');
    const withEngine = 'catalogName' in job.data ? ({ ...job, data: { ...job.data, engine: await this.engineOf(tenantId) } } as AnyJobInput) : job;
    await addJob(this.queueFor(tenantId), this.keyring, withEngine, options);
  }

  private async engineOf(tenantId: string): Promise<EngineKind> {
    const rows: Array<{ catalog_engine: EngineKind }> = await this.scope.readForTenant(tenantId, (manager) =>
      manager.query(`SELECT catalog_engine FROM tenants WHERE id = $1`, [tenantId]),
    );
    if (!rows[0]) throw new Error(`tenant ${tenantId} does not exist`);
    return rows[0].catalog_engine;
  }

  /**
   * Queues the job of a request already recorded under `requestId` (a check, an export): a few
   * retries, kept a day after success and a week after failure. When the queue cannot be reached,
   * the request is recorded as failed (`dispatch_failed`) and a 503 says what was not queued.
   */
  async dispatchRecorded(tenantId: string, job: AnyJobInput, request: { id: string; what: string; markFailed: (failure: RunFailure) => Promise<void> }): Promise<void> {
    try {
      await this.dispatch(tenantId, job, { jobId: request.id, ...RECORDED_REQUEST_JOB_OPTIONS });
    } catch (error) {
      this.logger.error({ msg: `${request.what} dispatch failed`, tenantId, job: job.name, requestId: request.id, error: (error as Error).message });
      await request.markFailed({ code: 'dispatch_failed', message: 'the job queue could not be reached' });
      throw new UnavailableError(`the ${request.what} could not be queued; it is recorded as failed, try again shortly`);
    }
  }

  private queueFor(tenantId: string): Queue {
    let queue = this.queues.get(tenantId);
    if (!queue) {
      queue = new Queue(tenantQueueName(tenantId), { connection: this.redis, prefix: this.config.prefix });
      this.queues.set(tenantId, queue);
    }
    return queue;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
