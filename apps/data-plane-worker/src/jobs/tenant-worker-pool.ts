import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type ConnectionOptions } from 'bullmq';
import { fullJitterDelay, tenantQueueName } from '@ade/contracts';
import { QueueConfig } from '@ade/config';
import { redisOptionsFromUrl, TenantRegistry } from '@ade/queue';
import { WorkerConfig } from '../config/worker.config';
import { JobRunner } from './job-runner';

/**
 * One BullMQ worker per served tenant queue. A dedicated worker serves a fixed list; a pooled
 * worker ('all') polls the tenant registry and picks up new tenants as they are created.
 */
@Injectable()
export class TenantWorkerPool implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TenantWorkerPool.name);
  private readonly workers = new Map<string, Worker>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly queueConfig: QueueConfig,
    private readonly registry: TenantRegistry,
    private readonly runner: JobRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    if (this.config.tenants === 'all') {
      this.refreshTimer = setInterval(() => {
        this.refresh().catch((error: Error) => this.logger.error({ msg: 'tenant refresh failed', error: error.message }));
      }, this.config.tenantRefreshMs);
    }
  }

  servedTenants(): string[] {
    return [...this.workers.keys()].sort();
  }

  async refresh(): Promise<void> {
    const tenants = this.config.tenants === 'all' ? await this.registry.list() : this.config.tenants;
    for (const tenantId of tenants) {
      if (!this.closing && !this.workers.has(tenantId)) this.workers.set(tenantId, this.start(tenantId));
    }
  }

  private start(tenantId: string): Worker {
    const worker = new Worker(tenantQueueName(tenantId), (job) => this.runner.run(tenantId, job), {
      connection: redisOptionsFromUrl(this.queueConfig.redisUrl, 'worker') as ConnectionOptions,
      prefix: this.queueConfig.prefix,
      concurrency: this.config.concurrency,
      lockDuration: this.config.lockDurationMs,
      stalledInterval: this.config.stalledIntervalMs,
      maxStalledCount: this.config.maxStalledCount,
      settings: {
        // Jobs that ask for RUN_BACKOFF_STRATEGY (pipeline runs) retry after a random delay; see healing-policy.ts.
        backoffStrategy: (attemptsMade, _type, _error, job) => fullJitterDelay(attemptsMade, baseDelayOf(job?.opts.backoff), this.config.retryBackoffCapMs),
      },
    });
    worker.on('error', (error) => this.logger.error({ msg: 'queue worker error', tenantId, error: error.message }));
    worker.on('failed', (job, error) => {
      this.logger.warn({ msg: 'job attempt failed', tenantId, jobId: job?.id, jobName: job?.name, error: error.name });
      if (job?.deferredFailure) {
        this.runner.reportAbandoned(tenantId, job).catch((reportError: Error) =>
          this.logger.error({ msg: 'could not report an abandoned job', tenantId, jobId: job.id, error: reportError.message }),
        );
      }
    });
    this.logger.log({ msg: 'serving tenant queue', tenantId });
    return worker;
  }

  /** Runs before the catalogs close (onApplicationShutdown), so no job is cut off mid-write by us. */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.refreshTimer);
    await Promise.all([...this.workers.values()].map((worker) => worker.close()));
    this.workers.clear();
  }
}

const DEFAULT_BASE_DELAY_MS = 1000;

function baseDelayOf(backoff: number | { delay?: number } | undefined): number {
  if (typeof backoff === 'number') return backoff;
  return backoff?.delay ?? DEFAULT_BASE_DELAY_MS;
}
