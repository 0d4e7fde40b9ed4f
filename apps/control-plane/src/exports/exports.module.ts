import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectorsModule } from '../connectors/connectors.module';
import { TenantsRepositoryModule } from '../tenants/tenants-repository.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { TableExport } from './table-export.entity';
import { TableExportsRepository } from './table-exports.repository';

/** Table exports (`ade export`): the requests, and what the worker reported of them. */
@Module({
  imports: [TypeOrmModule.forFeature([TableExport]), TenantsRepositoryModule, ConnectorsModule],
  controllers: [ExportsController],
  providers: [TableExportsRepository, ExportsService],
  exports: [TableExportsRepository],
})
export class ExportsModule {}
