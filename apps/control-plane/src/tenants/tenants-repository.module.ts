import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Tenant } from './tenant.entity';
import { TenantsRepository } from './tenants.repository';

/** Tenant lookups, shared by features that must check a tenant exists without owning tenants. */
@Module({
  imports: [TypeOrmModule.forFeature([Tenant])],
  providers: [TenantsRepository],
  exports: [TenantsRepository],
})
export class TenantsRepositoryModule {}
