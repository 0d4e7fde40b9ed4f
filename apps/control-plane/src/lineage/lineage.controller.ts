import { Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { Roles, TenantScope } from '../auth/auth.decorators';
import { CatalogTables } from '../catalog/catalog-tables';
import { LineageRepository } from './lineage.repository';
import { lineageView } from './lineage.view';

const lineageQuerySchema = z
  .object({
    table: z.string().min(1).max(200),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();
type LineageQuery = z.infer<typeof lineageQuerySchema>;

/** Where a table's rows came from and where they went, as the worker recorded each run's writes. */
@Controller('v1/lineage')
@Roles('tenant_admin', 'tenant_viewer')
export class LineageController {
  constructor(
    private readonly lineage: LineageRepository,
    private readonly tables: CatalogTables,
  ) {}

  @Get()
  async graph(@TenantScope() tenantId: string, @Query({ schema: lineageQuerySchema }) query: LineageQuery) {
    const table = await this.tables.resolve(tenantId, query.table);
    return lineageView(table, await this.lineage.graph(tenantId, table, query.limit));
  }
}
