import { Module } from '@nestjs/common';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { CatalogController } from './catalog.controller';
import { CatalogProvisioner } from './catalog-provisioner';

@Module({
  imports: [TenantsRepositoryModule],
  controllers: [CatalogController],
  providers: [CatalogProvisioner],
  exports: [CatalogProvisioner],
})
export class CatalogModule {}
