import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { LineageController } from './lineage.controller';
import { LineageRepository } from './lineage.repository';

@Module({
  imports: [CatalogModule],
  controllers: [LineageController],
  providers: [LineageRepository],
  exports: [LineageRepository],
})
export class LineageModule {}
