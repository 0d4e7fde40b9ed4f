import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TenantScopedRepository } from '../database/tenant-scoped.repository';
import { Connector } from './connector.entity';

@Injectable()
export class ConnectorsRepository extends TenantScopedRepository<Connector> {
  constructor(@InjectRepository(Connector) repository: Repository<Connector>) {
    super(repository);
  }

  /** Names of the tenant's pipelines whose files come from the connector, by name. */
  async pipelinesUsing(tenantId: string, connectorId: string): Promise<string[]> {
    const rows: Array<{ name: string }> = await this.query(
      tenantId,
      `SELECT name FROM pipelines WHERE tenant_id = $1 AND connector_id = $2 ORDER BY name`,
      [tenantId, connectorId],
    );
    return rows.map((row) => row.name);
  }
}
