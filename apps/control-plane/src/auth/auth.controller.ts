import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { NotFoundError } from '../common/app-error';
import { UsersRepository } from '../users/users.repository';
import { userView } from '../users/user.view';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { tokenRequestSchema, type TokenRequestDto } from './dto/token-request.dto';
import { logoutRequestSchema, refreshRequestSchema, type LogoutRequestDto, type RefreshRequestDto } from './dto/refresh-request.dto';
import { SessionsService } from './sessions.service';

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
    return this.auth.issueToken(dto.email, dto.password, clientIp);
  }

  /** Public: the refresh token is the credential. Rotates it; a replayed one ends its session. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body({ schema: refreshRequestSchema }) dto: RefreshRequestDto) {
    return this.sessions.refresh(dto.refreshToken);
  }

  /** Ends the caller's session: its refresh tokens and, at once, its access tokens. An API key has no session: revoke it instead. */
  @HumanOnly()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() caller: AuthUser, @Body({ schema: logoutRequestSchema }) dto: LogoutRequestDto) {
    await this.sessions.logout(caller, dto.refreshToken);
  }

  @HumanOnly()
  @Get('me')
  async me(@CurrentUser() caller: AuthUser) {
    const user = await this.users.findById(caller.tenantId, caller.userId);
    if (!user) throw new NotFoundError('user');
    return userView(user);
  }
}
