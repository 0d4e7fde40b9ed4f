import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ConflictError, InvalidFieldError } from '../common/app-error';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import type { Pipeline } from '../pipelines/pipeline.entity';
import { PipelinesService } from '../pipelines/pipelines.service';
import { MAX_UPLOAD_BYTES } from './part-plan';
import { uploadTarget } from './upload-target';
import { UploadUrlSigner } from './upload-url-signer';

const uploadRequestSchema = z
  .object({
    fileName: z.string().min(1).max(255),
    /** The file's size: above the part size it goes up in parts. */
    sizeBytes: z.number().int().nonnegative().max(MAX_UPLOAD_BYTES).optional(),
  })
  .strict();

/** S3's multipart upload ids are opaque, URL-safe text; bounded so nothing else travels in one. */
const uploadId = z.string().min(1).max(1024).regex(/^[A-Za-z0-9._~+/=-]+$/, 'must be the uploadId the upload request answered');
const uploadPath = z.string().min(1).max(1024);

const completeSchema = z
  .object({
    path: uploadPath,
    uploadId,
    parts: z
      .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(256).regex(/^"?[A-Za-z0-9-]+"?$/, 'must be the ETag the part PUT answered') }).strict())
      .min(1)
      .max(10_000),
  })
  .strict();

/** Upload URLs for a pipeline's source: the sender PUTs the file (or its parts) to storage itself. */
@Controller('v1/pipelines/:id/uploads')
@Roles('tenant_admin')
export class UploadsController {
  constructor(
    private readonly pipelines: PipelinesService,
    private readonly signer: UploadUrlSigner,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('pipeline')) id: string, @Body({ schema: uploadRequestSchema }) body: z.infer<typeof uploadRequestSchema>) {
    const path = this.targetPath(await this.uploadable(tenantId, id), body.fileName);
    if (body.sizeBytes !== undefined && body.sizeBytes > this.signer.partBytes) {
      const { uploadId, partSize, parts, expiresAt } = await this.signer.signParts(tenantId, path, body.sizeBytes);
      return { method: 'MULTIPART', path, uploadId, partSize, parts, expiresAt: expiresAt.toISOString() };
    }
    const { url, expiresAt } = await this.signer.sign(tenantId, path);
    return { method: 'PUT', url, path, expiresAt: expiresAt.toISOString() };
  }

  /** Joins a multipart upload's parts: only then does the file exist for a run. */
  @Post('complete')
  @HttpCode(200)
  async complete(@TenantScope() tenantId: string, @Param('id', new ResourceIdPipe('pipeline')) id: string, @Body({ schema: completeSchema }) body: z.infer<typeof completeSchema>) {
    const pipeline = await this.uploadable(tenantId, id);
    const path = this.sameTarget(pipeline, body.path);
    await this.signer.complete(tenantId, path, body.uploadId, body.parts);
    return { path, parts: body.parts.length };
  }

  private async uploadable(tenantId: string, id: string): Promise<Pipeline> {
    const pipeline = await this.pipelines.get(tenantId, id);
    // An upload lands in the landing zone, which a pipeline reading from a connector never looks at.
    if (pipeline.connectorId) throw new ConflictError("this pipeline reads its files from a connector, not the landing zone: put them on the connector's server or bucket");
    if (!this.signer.enabled) {
      throw new ConflictError("uploads need the object-store landing zone (LANDING_S3_URL); this platform keeps landing zones on the workers' disks");
    }
    return pipeline;
  }

  private targetPath(pipeline: Pipeline, fileName: string): string {
    const target = uploadTarget({ path: pipeline.sourcePath, format: pipeline.sourceFormat }, fileName);
    if ('problem' in target) throw new InvalidFieldError('fileName', target.problem);
    return target.path;
  }

  /** A completed path must be one this pipeline's uploads go to, so no other key of the tenant can be touched. */
  private sameTarget(pipeline: Pipeline, path: string): string {
    const fileName = path.split('/').at(-1)!;
    const target = uploadTarget({ path: pipeline.sourcePath, format: pipeline.sourceFormat }, fileName);
    if ('problem' in target || target.path !== path) throw new InvalidFieldError('path', "must be the path the upload request answered for this pipeline");
    return path;
  }
}
