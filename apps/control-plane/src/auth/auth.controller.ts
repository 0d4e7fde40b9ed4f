import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { NotFoundError } from '../common/app-error';
import { UsersRepository } from '../users/users.repository';
import { userView } from '../users/user.view';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { tokenRequestSchema, type TokenRequestDto } from './dto/token-request.dto';

@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body({ schema: tokenRequestSchema }) dto: TokenRequestDto, @Ip() clientIp: string) {
    return this.auth.issueToken(dto.email, dto.password, clientIp);
  }

  @Get('me')
  async me(@CurrentUser() caller: AuthUser) {
    const user = await this.users.findById(caller.userId);
    if (!user) throw new NotFoundError('user');
    return userView(user);
  }
}
