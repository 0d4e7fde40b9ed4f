import { Injectable } from '@nestjs/common';
import { formatTableName, MEDALLION_SCHEMAS, parseTableName, SQL_IDENTIFIER } from '@ade/contracts';
import { InvalidFieldError, NotFoundError } from '../common/app-error';
import { TenantsRepository } from '../tenants/tenants.repository';

export type TableNameProblem = 'malformed' | 'schema' | 'other_catalog';

/**
 * A table name as a user writes it, made whole in the tenant's catalog: `t` is the silver table,
 * `schema.t` a table of that schema, `catalog.schema.t` must name the tenant's own catalog.
 */
export function resolveTableName(input: string, catalogName: string): { table: string } | { problem: TableNameProblem } {
  const parts = input.split('.');
  if (parts.length > 3 || !parts.every((part) => SQL_IDENTIFIER.test(part))) return { problem: 'malformed' };
  const [catalog, schema, table] = parts.length === 3 ? parts : parts.length === 2 ? [catalogName, ...parts] : [catalogName, 'silver', parts[0]];
  if (!(MEDALLION_SCHEMAS as readonly string[]).includes(schema!)) return { problem: 'schema' };
  if (catalog !== catalogName) return { problem: 'other_catalog' };
  return { table: formatTableName({ catalog: catalog!, schema: schema!, table: table! }) };
}

/** The silver table a pipeline's runs publish: its target's table name in the silver schema. */
export function silverTableOf(targetTable: string): string | null {
  const ref = parseTableName(targetTable);
  return ref ? formatTableName({ ...ref, schema: 'silver' }) : null;
}

/** Resolves user-written table names against the caller's own catalog. */
@Injectable()
export class CatalogTables {
  constructor(private readonly tenants: TenantsRepository) {}

  /**
   * 400 naming `field` for a name that cannot be a table; 404 for another catalog, exactly as for
   * another tenant's resource (a catalog name of another tenant is not revealed).
   */
  async resolve(tenantId: string, input: string, field = 'table'): Promise<string> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('tenant');
    const resolved = resolveTableName(input, tenant.catalogName);
    if ('table' in resolved) return resolved.table;
    switch (resolved.problem) {
      case 'malformed':
        throw new InvalidFieldError(field, 'must be table, schema.table or catalog.schema.table, each part lower-case letters, digits and underscores');
      case 'schema':
        throw new InvalidFieldError(field, `schema must be one of ${MEDALLION_SCHEMAS.join(', ')}`);
      case 'other_catalog':
        throw new NotFoundError('table');
    }
  }
}
