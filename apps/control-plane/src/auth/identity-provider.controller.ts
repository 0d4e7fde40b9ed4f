import { Body, Controller, Delete, HttpCode, Param, Put } from '@nestjs/common';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { Roles } from './auth.decorators';
import { identityProviderSchema, type IdentityProviderDto } from './dto/identity-provider.dto';
import { IdentityProviderService, identityProviderView } from './identity-provider.service';

/** A tenant's external identity provider; configured by platform operators only. */
@Controller('v1/tenants/:id/identity-provider')
@Roles('platform_operator')
export class IdentityProviderController {
  constructor(private readonly providers: IdentityProviderService) {}

  @Put()
  async put(@Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: identityProviderSchema }) dto: IdentityProviderDto) {
    return identityProviderView(await this.providers.put(tenantId, dto));
  }

  @Delete()
  @HttpCode(204)
  async delete(@Param('id', new ResourceIdPipe('tenant')) tenantId: string) {
    await this.providers.delete(tenantId);
  }
}
