import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { CatalogHealthCheck } from './catalog-health-check.entity';
import { CatalogHealthChecksRepository } from './catalog-health-checks.repository';
import { CatalogHealthController } from './catalog-health.controller';
import { CatalogHealthService } from './catalog-health.service';

@Module({
  imports: [TypeOrmModule.forFeature([CatalogHealthCheck]), TenantsRepositoryModule],
  controllers: [CatalogHealthController],
  providers: [CatalogHealthChecksRepository, CatalogHealthService],
  exports: [CatalogHealthChecksRepository],
})
export class CatalogHealthModule {}
