import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { parseTableName, type ExportManifest, type JobOf } from '@ade/contracts';
import { LAKEHOUSE, type Lakehouse } from '@ade/lakehouse';
import { WorkerConfig } from '../config/worker.config';
import { EventPublisher } from '../events/event-publisher';
import { CONNECTOR_CREDENTIALS, type ConnectorCredentialsSource } from '../ingestion/connectors/connector-credentials';
import { connectorStore } from '../ingestion/connectors/connector-store';
import { fileSha256 } from '../ingestion/landing/hashed-download';
import { jobFailure } from '../jobs/job-failure';
import { JobHandler, type JobContext } from '../jobs/job-handler.decorator';

/**
 * `ade export`: writes a silver or gold table (or a quarantine table) to the tenant's own storage
 * through one of its connectors, with a manifest beside it (rows, bytes, SHA-256, columns). The
 * rows go engine → scratch file → the tenant's storage; the control plane hears counts and the
 * digest only. The data file is written before its manifest, so a manifest always describes a
 * file that is there whole.
 */
@Injectable()
export class TableExportHandler {
  private readonly logger = new Logger(TableExportHandler.name);

  constructor(
    @Inject(LAKEHOUSE) private readonly lakehouse: Lakehouse,
    @Inject(CONNECTOR_CREDENTIALS) private readonly credentials: ConnectorCredentialsSource,
    private readonly config: WorkerConfig,
    private readonly events: EventPublisher,
  ) {}

  @JobHandler('table.export')
  async export(job: JobOf<'table.export'>, context: JobContext): Promise<void> {
    const { tenantId, exportId } = job.data;
    const scratchDir = join(this.config.dataDir, 'tenants', tenantId, 'work', `export-${exportId}`);
    let manifest: ExportManifest;
    try {
      manifest = await this.write(job, scratchDir);
    } catch (error) {
      throw await jobFailure(error, context, {
        logger: this.logger,
        msg: 'export failed',
        ids: { tenantId, exportId },
        whenFinal: (failure) => this.events.publish({ name: 'export.failed', data: { tenantId, exportId, at: new Date().toISOString(), error: failure } }),
      });
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
    await this.events.publish({ name: 'export.completed', data: { tenantId, exportId, at: new Date().toISOString(), rowCount: manifest.rows, bytes: manifest.bytes, sha256: manifest.sha256 } });
    this.logger.log({ msg: 'export written', tenantId, exportId, rows: manifest.rows, bytes: manifest.bytes });
  }

  private async write(job: JobOf<'table.export'>, scratchDir: string): Promise<ExportManifest> {
    const { tenantId, exportId, catalogName, engine, connectorId, path, format, where } = job.data;
    const table = parseTableName(job.data.table)!;
    await mkdir(scratchDir, { recursive: true });
    const dataFile = join(scratchDir, `data.${format}`);
    const catalog = await this.lakehouse.open({ tenantId, catalogName, engine });
    let exported;
    try {
      exported = await catalog.exportTable({ table, where, format, target: dataFile });
    } finally {
      await catalog.close();
    }
    const manifest: ExportManifest = {
      exportId,
      table: job.data.table,
      format,
      where,
      rows: exported.rows,
      bytes: (await stat(dataFile)).size,
      sha256: await fileSha256(dataFile),
      columns: exported.columns,
      exportedAt: new Date().toISOString(),
    };
    const manifestFile = join(scratchDir, 'manifest.json');
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const store = connectorStore(await this.credentials.fetch({ tenantId, connectorId, exportId }));
    try {
      await store.upload(dataFile, path);
      await store.upload(manifestFile, `${path}.manifest.json`);
    } finally {
      store.close();
    }
    return manifest;
  }
}
