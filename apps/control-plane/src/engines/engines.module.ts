import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { DataPlaneTokenGuard } from '../connectors/data-plane-token.guard';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { EngineCredentialsController } from './engine-credentials.controller';
import { EngineSettingsRepository } from './engine-settings.repository';
import { EnginesController } from './engines.controller';
import { EnginesService } from './engines.service';

/** Each tenant's catalog engine (embedded or Databricks), and the data plane's route to its credentials. */
@Module({
  imports: [CatalogModule, TenantsRepositoryModule],
  controllers: [EnginesController, EngineCredentialsController],
  providers: [EngineSettingsRepository, EnginesService, DataPlaneTokenGuard],
})
export class EnginesModule {}
