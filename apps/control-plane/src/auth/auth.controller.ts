import { Body, Controller, Get, HttpCode, Ip, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { AppError, NotFoundError } from '../common/app-error';
import { requestOriginOf } from '../common/request-origin';
import { UsersRepository } from '../users/users.repository';
import { userView } from '../users/user.view';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { tokenRequestSchema, type TokenRequestDto } from './dto/token-request.dto';
import { logoutRequestSchema, refreshRequestSchema, type LogoutRequestDto, type RefreshRequestDto } from './dto/refresh-request.dto';
import { OpenDuringMfaEnrollment } from './mfa/mfa-enrollment.guard';
import { SessionsService } from './sessions.service';

/** One answer for every refresh token that cannot be used: unknown, expired, revoked or replayed. */
const invalidRefreshToken = () => new AppError('unauthorized', 'invalid or expired refresh token');

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body({ schema: tokenRequestSchema }) dto: TokenRequestDto, @Ip() clientIp: string) {
    return this.auth.issueToken(dto.email, dto.password, clientIp, dto.code);
  }

  /**
   * Public: the refresh token is the credential. Rotates it; a replayed one ends its session. The
   * token's user becomes the request's caller, so its audit entry and access-log line name them on
   * their chain, for a refused replay too.
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body({ schema: refreshRequestSchema }) dto: RefreshRequestDto, @Req() request: Request & { user?: AuthUser }) {
    const result = await this.sessions.refresh(dto.refreshToken, requestOriginOf(request));
    if (result.user) request.user = { userId: result.user.id, tenantId: result.user.tenantId, role: result.user.role };
    if (!result.issued) throw invalidRefreshToken();
    return result.issued;
  }

  /** Ends the caller's session: its refresh tokens and, at once, its access tokens. An API key has no session: revoke it instead. */
  @HumanOnly()
  @OpenDuringMfaEnrollment()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() caller: AuthUser, @Body({ schema: logoutRequestSchema }) dto: LogoutRequestDto) {
    await this.sessions.logout(caller, dto.refreshToken);
  }

  @HumanOnly()
  @OpenDuringMfaEnrollment()
  @Get('me')
  async me(@CurrentUser() caller: AuthUser) {
    const user = await this.users.findById(caller.tenantId, caller.userId);
    if (!user) throw new NotFoundError('user');
    return userView(user);
  }
}
