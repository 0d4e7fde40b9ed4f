import { Body, Controller, Param, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { requestOriginOf } from '../common/request-origin';
import { legalHoldSchema, type LegalHoldDto } from './dto/legal-hold.dto';
import { LegalHoldService } from './legal-hold.service';

@Controller('v1/tenants')
export class LegalHoldController {
  constructor(private readonly legalHolds: LegalHoldService) {}

  @Put(':id/legal-hold')
  @Roles('platform_operator')
  async set(
    @CurrentUser() caller: AuthUser,
    @Param('id', new ResourceIdPipe('tenant')) id: string,
    @Body({ schema: legalHoldSchema }) dto: LegalHoldDto,
    @Req() request: Request,
  ) {
    return this.legalHolds.set(caller, id, dto, requestOriginOf(request).requestId);
  }
}
