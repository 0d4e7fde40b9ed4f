import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { HumanOnly } from '../../api-keys/human-only.decorator';
import { NotFoundError } from '../../common/app-error';
import { ResourceIdPipe } from '../../common/resource-id.pipe';
import { CurrentUser, Roles } from '../auth.decorators';
import type { AuthUser } from '../auth-user';
import { mfaCodeSchema, mfaPolicySchema, type MfaCodeDto, type MfaPolicyDto } from './dto/mfa.dto';
import { OpenDuringMfaEnrollment } from './mfa-enrollment.guard';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';

/** The caller's own second factor: any person signed in with a password. */
@Controller('v1/auth/mfa')
@HumanOnly()
@OpenDuringMfaEnrollment()
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly repository: MfaRepository,
  ) {}

  @Get()
  async status(@CurrentUser() caller: AuthUser) {
    const owner = { userId: caller.userId, tenantId: caller.tenantId };
    const state = await this.mfa.state(owner);
    if (!state) throw new NotFoundError('user');
    return { enabled: state.enabled, required: state.required, recoveryCodesLeft: state.enabled ? await this.repository.unusedRecoveryCodes(owner) : 0 };
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
  constructor(private readonly repository: MfaRepository) {}

  @Put()
  async set(@Param('id', new ResourceIdPipe('tenant')) tenantId: string, @Body({ schema: mfaPolicySchema }) dto: MfaPolicyDto) {
    if (!(await this.repository.setRequired(tenantId, dto.required))) throw new NotFoundError('tenant');
    return { tenantId, mfaRequired: dto.required };
  }
}
