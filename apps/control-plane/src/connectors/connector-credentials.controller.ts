import { Body, Controller, Header, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { connectorCredentialsRequestSchema, type ConnectorCredentials, type ConnectorCredentialsRequest } from '@ade/contracts';
import { Public } from '../auth/auth.decorators';
import { requestOriginOf } from '../common/request-origin';
import { ConnectorCredentialsService } from './connector-credentials.service';
import { DataPlaneTokenGuard, type DataPlaneRequest } from './data-plane-token.guard';

/**
 * Internal: where a data-plane worker holding a job that needs a connector fetches its
 * credentials. Not a user route: @Public() to the user and API-key guards (so no user token, key,
 * tenant scope or tenant rate limit applies), and guarded by the data-plane token instead. The
 * guard runs before the body is validated, so an unauthenticated caller learns nothing of it.
 */
@Controller('internal/v1/connector-credentials')
@Public()
@UseGuards(DataPlaneTokenGuard)
export class ConnectorCredentialsController {
  constructor(private readonly credentials: ConnectorCredentialsService) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async release(@Req() request: DataPlaneRequest, @Body({ schema: connectorCredentialsRequestSchema }) body: ConnectorCredentialsRequest): Promise<ConnectorCredentials> {
    return this.credentials.release(body, { tokenId: request.dataPlane!.tokenId, ...requestOriginOf(request) });
  }
}
