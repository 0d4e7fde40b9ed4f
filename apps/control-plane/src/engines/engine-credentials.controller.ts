import { Body, Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { engineCredentialsRequestSchema, type EngineCredentials } from '@ade/contracts';
import { Public } from '../auth/auth.decorators';
import { requestOriginOf } from '../common/request-origin';
import { DataPlaneTokenGuard, type DataPlaneRequest } from '../connectors/data-plane-token.guard';
import { EnginesService } from './engines.service';

/**
 * Internal: where a worker holding a Databricks tenant's catalog work fetches the workspace
 * settings and secret. Guarded by the data-plane token like the connector credentials route.
 */
@Controller('internal/v1/engine-credentials')
@Public()
@UseGuards(DataPlaneTokenGuard)
export class EngineCredentialsController {
  constructor(private readonly engines: EnginesService) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  release(@Req() request: DataPlaneRequest, @Body({ schema: engineCredentialsRequestSchema }) body: { tenantId: string }): Promise<EngineCredentials> {
    return this.engines.release(body.tenantId.toLowerCase(), { tokenId: request.dataPlane!.tokenId, ...requestOriginOf(request) });
  }
}
