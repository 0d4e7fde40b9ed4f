import { Module } from '@nestjs/common';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { CatalogController } from './catalog.controller';
import { CatalogProvisioner } from './catalog-provisioner';
import { CatalogTables } from './catalog-tables';

@Module({
  imports: [TenantsRepositoryModule],
  controllers: [CatalogController],
  providers: [CatalogProvisioner, CatalogTables],
  exports: [CatalogProvisioner, CatalogTables],
})
export class CatalogModule {}
