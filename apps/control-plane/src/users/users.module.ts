import { BillingModule } from '../billing/billing.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { OperatorBootstrap } from './operator-bootstrap';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), TenantsRepositoryModule, BillingModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, PasswordHasher, OperatorBootstrap],
  exports: [UsersRepository, PasswordHasher],
})
export class UsersModule {}
