import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { CatalogModule } from '../catalog/catalog.module';
import { TenantsController } from './tenants.controller';
import { TenantsRepositoryModule } from './tenants-repository.module';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TenantsRepositoryModule, CatalogModule, BillingModule],
  controllers: [TenantsController],
  providers: [TenantsService],
})
export class TenantsModule {}
