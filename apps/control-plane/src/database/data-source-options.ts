import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../migrations';
import { ApiKey } from '../api-keys/api-key.entity';
import type { DatabaseConfig } from '../config/control-plane.config';
import { Incident } from '../incidents/incident.entity';
import { Pipeline } from '../pipelines/pipeline.entity';
import { AlertThreshold } from '../quality/alert-threshold.entity';
import { Alert } from '../quality/alert.entity';
import { QualityAnomalyRecord } from '../quality/quality-anomaly.entity';
import { QualityReportRecord } from '../quality/quality-report.entity';
import { QuarantineRelease } from '../quarantine/quarantine-release.entity';
import { CatalogHealthCheck } from '../catalog-health/catalog-health-check.entity';
import { ConnectorCheck } from '../connectors/connector-check.entity';
import { Connector } from '../connectors/connector.entity';
import { TableExport } from '../exports/table-export.entity';
import { PipelineRun } from '../runs/pipeline-run.entity';
import { Tenant } from '../tenants/tenant.entity';
import { User } from '../users/user.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../webhooks/webhook-endpoint.entity';
import { ScopedClient } from './scoped-client';

export const entities = [Tenant, User, Pipeline, PipelineRun, Incident, QuarantineRelease, QualityReportRecord, QualityAnomalyRecord, AlertThreshold, Alert, WebhookEndpoint, WebhookDelivery, ApiKey, CatalogHealthCheck, Connector, ConnectorCheck, TableExport];

/**
 * How long opening a database connection may take. Without a bound, a server that accepts the
 * TCP connection but never answers (a network partition, a hung host) holds every request that
 * needs a new connection, health checks and audit writes included, forever.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 5000;

/** The schema is the connection's search_path: migrations and queries never name it. */
export function dataSourceOptions(config: DatabaseConfig, url: string = config.url.reveal()): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: config.schema,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM would print failed queries with their parameters, and parameters can hold secrets.
    logging: false,
    connectTimeoutMS: DATABASE_CONNECT_TIMEOUT_MS,
    // ScopedClient lets a database scope travel in the same message as a read or a START TRANSACTION.
    extra: { options: `-c search_path=${config.schema}`, max: 10, Client: ScopedClient },
  };
}
