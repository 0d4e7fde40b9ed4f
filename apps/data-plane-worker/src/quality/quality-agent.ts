import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { parseTableName, type JobOf, type LineageEdge, type QualityReport } from '@ade/contracts';
import type { TenantCatalog } from '@ade/lakehouse';
import { landedFileEdges, releaseQuarantined, runQualityStage, stageDialectFor, type ReleaseResult } from '@ade/quality';
import { GOVERNED_COLUMNS } from '../catalog/catalog-health-report';
import { WorkerConfig } from '../config/worker.config';

export interface QualityOutcome {
  report: QualityReport | null;
  lineage: LineageEdge[];
}

/**
 * The quality agent: takes what a run landed in bronze to silver, quarantine and gold, and gives
 * quarantined rows another chance when asked. A pipeline whose target is a bronze table stops at
 * bronze: it is only recorded in lineage.
 */
@Injectable()
export class QualityAgent {
  constructor(private readonly config: WorkerConfig) {}

  async judgeRun(job: JobOf<'pipeline.run'>, catalog: TenantCatalog): Promise<QualityOutcome> {
    const { runId, catalogName, pipeline } = job.data;
    const target = parseTableName(pipeline.targetTable)!;
    if (target.schema === 'bronze') {
      const bronze = { ...target, catalog: catalogName };
      return { report: null, lineage: (await catalog.tableExists(bronze)) ? await landedFileEdges(catalog, bronze, [runId], stageDialectFor(catalog.dialect, runId)) : [] };
    }
    const result = await runQualityStage(catalog, {
      dataType: pipeline.dataType,
      catalog: catalogName,
      table: target.table,
      runId,
      settings: pipeline.quality,
      ...(pipeline.source.options.state ? { state: pipeline.source.options.state } : {}),
      referenceCacheDir: this.referenceCacheDir(),
      ...(pipeline.mapping ? { mapping: pipeline.mapping } : {}),
      protectTables: this.protectTables(catalog),
    });
    return result ?? { report: null, lineage: [] };
  }

  release(job: JobOf<'quality.release'>, catalog: TenantCatalog): Promise<ReleaseResult> {
    const { releaseId, catalogName, pipeline, filter } = job.data;
    return releaseQuarantined(catalog, {
      dataType: pipeline.dataType,
      catalog: catalogName,
      table: parseTableName(pipeline.targetTable)!.table,
      releaseId,
      filter,
      settings: pipeline.quality,
      ...(pipeline.source.options.state ? { state: pipeline.source.options.state } : {}),
      referenceCacheDir: this.referenceCacheDir(),
      protectTables: this.protectTables(catalog),
    });
  }

  /** A silver or gold table the stage creates is tagged and masked (where the engine governs PHI) before its first row. */
  private protectTables(catalog: TenantCatalog): () => Promise<void> {
    return async () => void (await catalog.govern(GOVERNED_COLUMNS, true));
  }

  /** Shared by every tenant: the reference tables are public code sets, not tenant data. */
  private referenceCacheDir(): string {
    return join(this.config.dataDir, 'reference-cache');
  }
}
