import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ResourceIdPipe } from '../common/resource-id.pipe';
import { setRateLimitSchema, type SetRateLimitDto } from './dto/set-rate-limit.dto';
import { RateLimitsService } from './rate-limits.service';

/** A tenant's API rate limit: platform operators only. */
@Controller('v1/tenants/:id/rate-limit')
@Roles('platform_operator')
@HumanOnly()
export class RateLimitsController {
  constructor(private readonly rateLimits: RateLimitsService) {}

  @Get()
  get(@Param('id', new ResourceIdPipe('tenant')) tenantId: string) {
    return this.rateLimits.get(tenantId);
  }

  @Put()
  set(@CurrentUser() caller: AuthUser, @Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: setRateLimitSchema }) dto: SetRateLimitDto) {
    return this.rateLimits.set(tenantId, dto.apiRateLimitPerMinute, caller.userId);
  }
}
