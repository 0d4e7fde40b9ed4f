import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { HumanOnly } from '../../api-keys/human-only.decorator';
import { ResourceIdPipe } from '../../common/resource-id.pipe';
import { CurrentUser, Roles } from '../auth.decorators';
import type { AuthUser } from '../auth-user';
import { mfaCodeSchema, mfaPolicySchema, type MfaCodeDto, type MfaPolicyDto } from './dto/mfa.dto';
import { OpenDuringMfaEnrollment } from './mfa-enrollment.guard';
import { MfaService } from './mfa.service';

/** The caller's own second factor: any person signed in with a password. */
@Controller('v1/auth/mfa')
@HumanOnly()
@OpenDuringMfaEnrollment()
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Get()
  status(@CurrentUser() caller: AuthUser) {
    return this.mfa.status(caller);
  }

  /** A new secret to put in an authenticator app; MFA is on once a code from it is sent to /activate. */
  @Post('enroll')
  @HttpCode(200)
  enroll(@CurrentUser() caller: AuthUser) {
    return this.mfa.enroll(caller);
  }

  /** Turns MFA on with a first code; answers the ten recovery codes, shown this once only. */
  @Post('activate')
  @HttpCode(200)
  activate(@CurrentUser() caller: AuthUser, @Body({ schema: mfaCodeSchema }) dto: MfaCodeDto) {
    return this.mfa.activate(caller, dto.code);
  }

  @Delete()
  @HttpCode(204)
  async disable(@CurrentUser() caller: AuthUser, @Body({ schema: mfaCodeSchema }) dto: MfaCodeDto) {
    await this.mfa.disable(caller, dto.code);
  }
}

/** Whether a tenant's password users must use a second factor: platform operators only. */
@Controller('v1/tenants/:id/mfa')
@Roles('platform_operator')
@HumanOnly()
export class TenantMfaPolicyController {
  constructor(private readonly mfa: MfaService) {}

  @Put()
  set(@Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: mfaPolicySchema }) dto: MfaPolicyDto) {
    return this.mfa.setRequired(tenantId, dto.required);
  }
}
