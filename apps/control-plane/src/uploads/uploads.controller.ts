import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { ConflictError, InvalidFieldError } from '../common/app-error';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { PipelinesService } from '../pipelines/pipelines.service';
import { uploadTarget } from './upload-target';
import { UploadUrlSigner } from './upload-url-signer';

const uploadRequestSchema = z.object({ fileName: z.string().min(1).max(255) }).strict();

/** Upload URLs for a pipeline's source: the sender PUTs the file to storage itself. */
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
    const pipeline = await this.pipelines.get(tenantId, id);
    // An upload lands in the landing zone, which a pipeline reading from a connector never looks at.
    if (pipeline.connectorId) throw new ConflictError("this pipeline reads its files from a connector, not the landing zone: put them on the connector's server or bucket");
    if (!this.signer.enabled) {
      throw new ConflictError("uploads need the object-store landing zone (LANDING_S3_URL); this platform keeps landing zones on the workers' disks");
    }
    const target = uploadTarget({ path: pipeline.sourcePath, format: pipeline.sourceFormat }, body.fileName);
    if ('problem' in target) throw new InvalidFieldError('fileName', target.problem);
    const { url, expiresAt } = await this.signer.sign(tenantId, target.path);
    return { method: 'PUT', url, path: target.path, expiresAt: expiresAt.toISOString() };
  }
}
