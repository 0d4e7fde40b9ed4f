import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { PipelinesModule } from '../pipelines/pipelines.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AlertThreshold } from './alert-threshold.entity';
import { Alert } from './alert.entity';
import { AlertsController } from './alerts.controller';
import { AlertsRepository, AlertThresholdsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { QualityAnomalyRecord } from './quality-anomaly.entity';
import { QualityRecorder } from './quality-recorder';
import { QualityReportRecord } from './quality-report.entity';
import { QualityAnomaliesRepository, QualityReportsRepository } from './quality-reports.repository';
import { PipelineQualityController } from './pipeline-quality.controller';
import { QualityController } from './quality.controller';
import { QualityService } from './quality.service';

/** Quality reports and anomalies per run and table, alert thresholds and alerts. */
@Module({
  imports: [TypeOrmModule.forFeature([QualityReportRecord, QualityAnomalyRecord, AlertThreshold, Alert]), CatalogModule, WebhooksModule, PipelinesModule],
  controllers: [QualityController, AlertsController, PipelineQualityController],
  providers: [QualityReportsRepository, QualityAnomaliesRepository, AlertThresholdsRepository, AlertsRepository, QualityService, AlertsService, QualityRecorder],
  exports: [QualityRecorder, AlertsRepository],
})
export class QualityModule {}
