import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { RunsModule } from '../runs/runs.module';
import { QuarantineCountsRepository } from './quarantine-counts.repository';
import { QuarantineRelease } from './quarantine-release.entity';
import { QuarantineReleasesRepository } from './quarantine-releases.repository';
import { QuarantineController } from './quarantine.controller';
import { QuarantineService } from './quarantine.service';
import { ReleaseDispatcher } from './release-dispatcher';

@Module({
  imports: [TypeOrmModule.forFeature([QuarantineRelease]), CatalogModule, PipelinesModule, RunsModule],
  controllers: [QuarantineController],
  providers: [QuarantineCountsRepository, QuarantineReleasesRepository, QuarantineService, ReleaseDispatcher],
  exports: [QuarantineCountsRepository, QuarantineReleasesRepository],
})
export class QuarantineModule {}
