import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { parseTableName, type ReleaseFilter } from '@ade/contracts';
import { CatalogTables, silverTableOf } from '../catalog/catalog-tables';
import { AppError, InvalidFieldError, NotFoundError, UnavailableError } from '../common/app-error';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { PipelinesService } from '../pipelines/pipelines.service';
import { RunsRepository } from '../runs/runs.repository';
import type { ReleaseRequestDto } from './dto/release-request.dto';
import { QuarantineCountsRepository } from './quarantine-counts.repository';
import { QuarantineRelease } from './quarantine-release.entity';
import { QuarantineReleasesRepository } from './quarantine-releases.repository';
import { quarantineView } from './quarantine.view';
import { ReleaseDispatcher } from './release-dispatcher';

const RECENT_RELEASES = 20;

@Injectable()
export class QuarantineService {
  private readonly logger = new Logger(QuarantineService.name);

  constructor(
    private readonly tables: CatalogTables,
    private readonly counts: QuarantineCountsRepository,
    private readonly releases: QuarantineReleasesRepository,
    private readonly pipelines: PipelinesService,
    private readonly runs: RunsRepository,
    private readonly dispatcher: ReleaseDispatcher,
  ) {}

  async summary(tenantId: string, tableInput: string) {
    const table = await this.tables.resolve(tenantId, tableInput);
    const [quarantined, released, recent] = await Promise.all([
      this.counts.tally(tenantId, table),
      this.releases.releasedTally(tenantId, table),
      this.releases.find(tenantId, { where: { tableName: table }, order: { requestedAt: 'DESC' }, take: RECENT_RELEASES }),
    ]);
    return quarantineView(table, quarantined, released, recent);
  }

  /** Records the release first, then queues it; a queue outage fails it visibly rather than losing it. */
  async requestRelease(tenantId: string, dto: ReleaseRequestDto, requestedBy: string): Promise<QuarantineRelease> {
    const table = await this.tables.resolve(tenantId, dto.table);
    if (parseTableName(table)!.schema !== 'silver') throw new InvalidFieldError('table', 'must be a silver table (quarantined rows are kept beside it)');
    const pipeline = await this.pipelineWriting(tenantId, table, dto.pipelineId);
    if (dto.runId) await this.assertRunOf(tenantId, dto.runId, pipeline);
    const filter: ReleaseFilter = {
      ...(dto.rules ? { rules: [...new Set(dto.rules)] } : {}),
      ...(dto.runId ? { runId: dto.runId } : {}),
    };
    const release = Object.assign(new QuarantineRelease(), {
      id: randomUUID(),
      tenantId,
      pipelineId: pipeline.id,
      tableName: table,
      filter,
      status: 'queued' as const,
      examined: 0,
      released: 0,
      byRule: [],
      errorCode: null,
      errorMessage: null,
      requestedBy,
      requestedAt: new Date(),
      finishedAt: null,
    });
    await this.releases.insert(tenantId, release);
    try {
      await this.dispatcher.dispatch(release, pipeline, parseTableName(table)!.catalog);
    } catch (error) {
      this.logger.error({ msg: 'release dispatch failed', tenantId, releaseId: release.id, error: (error as Error).message });
      await this.releases.markFailed(tenantId, release.id, { code: 'dispatch_failed', message: 'the job queue could not be reached' }, new Date());
      throw new UnavailableError('the release could not be queued; it is recorded as failed, try again shortly');
    }
    return release;
  }

  async get(tenantId: string, id: string): Promise<QuarantineRelease> {
    const release = await this.releases.findById(tenantId, id);
    if (!release) throw new NotFoundError('release');
    return release;
  }

  /** The pipeline whose runs publish the table: the one named, or the only one there is. */
  private async pipelineWriting(tenantId: string, table: string, pipelineId: string | undefined): Promise<Pipeline> {
    if (pipelineId) {
      const pipeline = await this.pipelines.get(tenantId, pipelineId);
      if (silverTableOf(pipeline.targetTable) !== table) throw new InvalidFieldError('pipelineId', `pipeline ${pipeline.name} does not write ${table}`);
      return pipeline;
    }
    const writers = (await this.pipelines.list(tenantId)).filter((pipeline) => silverTableOf(pipeline.targetTable) === table);
    if (writers.length === 0) throw new AppError('not_found', `no pipeline writes ${table}`);
    if (writers.length > 1) {
      throw new InvalidFieldError('pipelineId', `is required: ${writers.length} pipelines write ${table} (${writers.map((p) => p.name).join(', ')})`);
    }
    return writers[0]!;
  }

  private async assertRunOf(tenantId: string, runId: string, pipeline: Pipeline): Promise<void> {
    const run = await this.runs.findById(tenantId, runId);
    if (!run) throw new NotFoundError('run');
    if (run.pipelineId !== pipeline.id) throw new InvalidFieldError('runId', `is not a run of pipeline ${pipeline.name}`);
  }
}
