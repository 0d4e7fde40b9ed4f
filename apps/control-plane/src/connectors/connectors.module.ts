import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectorCheck } from './connector-check.entity';
import { ConnectorChecksRepository } from './connector-checks.repository';
import { ConnectorCredentialsController } from './connector-credentials.controller';
import { ConnectorCredentialsService } from './connector-credentials.service';
import { Connector } from './connector.entity';
import { ConnectorsController } from './connectors.controller';
import { ConnectorsRepository } from './connectors.repository';
import { ConnectorsService } from './connectors.service';
import { DataPlaneTokenGuard } from './data-plane-token.guard';

/** Tenants' SFTP and S3 connectors, their checks, and the data plane's credentials endpoint. */
@Module({
  imports: [TypeOrmModule.forFeature([Connector, ConnectorCheck])],
  controllers: [ConnectorsController, ConnectorCredentialsController],
  providers: [ConnectorsRepository, ConnectorChecksRepository, ConnectorsService, ConnectorCredentialsService, DataPlaneTokenGuard],
  exports: [ConnectorsRepository, ConnectorChecksRepository],
})
export class ConnectorsModule {}
