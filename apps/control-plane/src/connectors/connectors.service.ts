import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/app-error';
import { isForeignKeyViolation, isUniqueViolation } from '../database/unique-violation';
import { TenantQueues } from '../queues/tenant-queues';
import { SecretBox } from '../secrets/secret-box';
import { ConnectorCheck } from './connector-check.entity';
import { ConnectorChecksRepository } from './connector-checks.repository';
import { Connector } from './connector.entity';
import { secretHintOf, secretTypeOf } from './connector-secret';
import { ConnectorsRepository } from './connectors.repository';
import type { CreateConnectorDto } from './dto/create-connector.dto';

/**
 * A tenant's connectors: stored with their secret encrypted, shown masked, checked by a worker.
 * The control plane never logs in to a connector itself.
 */
@Injectable()
export class ConnectorsService {

  constructor(
    private readonly connectors: ConnectorsRepository,
    private readonly checks: ConnectorChecksRepository,
    private readonly queues: TenantQueues,
    private readonly box: SecretBox,
  ) {}

  async create(tenantId: string, dto: CreateConnectorDto): Promise<Connector> {
    const connector = Object.assign(new Connector(), {
      id: randomUUID(),
      tenantId,
      name: dto.name,
      kind: dto.kind,
      settings: dto.settings,
      secretType: secretTypeOf(dto.secret),
      secretCiphertext: this.box.encrypt(JSON.stringify(dto.secret)),
      secretHint: secretHintOf(dto.secret),
    });
    try {
      return await this.connectors.insert(tenantId, connector);
    } catch (error) {
      if (isUniqueViolation(error, 'connectors_tenant_name_key')) {
        throw new ConflictError(`a connector named '${dto.name}' already exists`, [{ field: 'name', message: 'is already used by another connector' }]);
      }
      throw error;
    }
  }

  list(tenantId: string, name?: string): Promise<Connector[]> {
    return this.connectors.find(tenantId, { where: name ? { name } : {}, order: { name: 'ASC' } });
  }

  async get(tenantId: string, id: string): Promise<Connector> {
    const connector = await this.connectors.findById(tenantId, id);
    if (!connector) throw new NotFoundError('connector');
    return connector;
  }

  /** Refused while a pipeline reads from it; its checks and its exports (history included) go with it. */
  async delete(tenantId: string, id: string): Promise<void> {
    await this.get(tenantId, id);
    await this.refuseWhileUsed(tenantId, id);
    let deleted: boolean;
    try {
      deleted = await this.connectors.delete(tenantId, id);
    } catch (error) {
      // A pipeline took it up between the look and the delete: the foreign key decides.
      if (!isForeignKeyViolation(error, 'pipelines_connector_fkey')) throw error;
      await this.refuseWhileUsed(tenantId, id);
      throw error;
    }
    if (!deleted) throw new NotFoundError('connector');
  }

  private async refuseWhileUsed(tenantId: string, id: string): Promise<void> {
    const pipelines = await this.connectors.pipelinesUsing(tenantId, id);
    if (pipelines.length === 0) return;
    throw new ConflictError(`the connector is used by pipeline(s) ${pipelines.map((name) => `'${name}'`).join(', ')}; change or delete them first`, [
      { field: 'pipelines', message: pipelines.join(', ') },
    ]);
  }

  /** Records the check, then queues it for the tenant's worker; a queue outage fails it visibly. */
  async requestCheck(tenantId: string, connectorId: string, requestedBy: string): Promise<ConnectorCheck> {
    const connector = await this.get(tenantId, connectorId);
    const check = Object.assign(new ConnectorCheck(), {
      id: randomUUID(),
      tenantId,
      connectorId: connector.id,
      status: 'queued' as const,
      fileCount: null,
      totalBytes: null,
      files: null,
      errorCode: null,
      errorMessage: null,
      requestedBy,
      requestedAt: new Date(),
      finishedAt: null,
    });
    await this.checks.insert(tenantId, check);
    await this.queues.dispatchRecorded(tenantId, { name: 'connector.check', data: { tenantId, checkId: check.id, connectorId: connector.id } }, {
      id: check.id,
      what: 'connector check',
      markFailed: (failure) => this.checks.markFailed(tenantId, check.id, connector.id, failure, new Date()),
    });
    return check;
  }

  async getCheck(tenantId: string, connectorId: string, checkId: string): Promise<ConnectorCheck> {
    const check = await this.checks.findOne(tenantId, { id: checkId, connectorId });
    if (!check) throw new NotFoundError('connector check');
    return check;
  }
}
