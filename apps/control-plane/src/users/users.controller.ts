import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { HumanOnly } from '../api-keys/human-only.decorator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { createUserSchema, listUsersQuerySchema, type CreateUserDto, type ListUsersQuery } from './dto/create-user.dto';
import { userView } from './user.view';
import { UsersService } from './users.service';

@Controller('v1/users')
@HumanOnly()
@Roles('platform_operator', 'tenant_admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  async create(@CurrentUser() caller: AuthUser, @Body({ schema: createUserSchema }) dto: CreateUserDto) {
    return userView(await this.users.create(caller, dto));
  }

  @Get()
  async list(@CurrentUser() caller: AuthUser, @Query({ schema: listUsersQuerySchema }) query: ListUsersQuery) {
    return { items: (await this.users.list(caller, query.tenantId)).map(userView) };
  }
}
