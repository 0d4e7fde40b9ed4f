import { DATA_TYPES, formatTableName, MEDALLION_SCHEMAS, type CatalogHealth } from '@ade/contracts';
import { phiColumns } from '@ade/healthcare';
import type { CatalogInventory, SqlDialect } from '@ade/lakehouse';

/** The schemas every catalog must have: the medallion layers and the platform's own. */
export const REQUIRED_SCHEMAS = [...MEDALLION_SCHEMAS, '_system'] as const;

/** Column names that mark a HIPAA identifier in some canonical schema. */
const PHI_NAMES: ReadonlySet<string> = new Set(DATA_TYPES.flatMap((dataType) => phiColumns(dataType)));

/**
 * The health of a catalog from its inventory: every required schema present, each table with its
 * rows, last write and the columns whose canonical name marks PHI. An engine without tags or
 * grants (DuckDB) has no governance to check; Unity Catalog's is checked by its own adapter.
 */
export function catalogHealthReport(catalogName: string, dialect: SqlDialect, inventory: CatalogInventory): CatalogHealth {
  const schemas = REQUIRED_SCHEMAS.map((name) => ({ name, present: inventory.schemas.includes(name) }));
  return {
    engine: dialect === 'duckdb' ? 'embedded' : 'databricks',
    catalogName,
    schemas,
    tables: inventory.tables.map(({ table, columns, rows, lastWriteAt }) => ({
      table: formatTableName(table),
      rows,
      lastWriteAt: lastWriteAt?.toISOString() ?? null,
      phiColumns: table.schema === '_system' ? [] : columns.filter((column) => PHI_NAMES.has(column)),
    })),
    governance: null,
    findings: schemas
      .filter((schema) => !schema.present)
      .map((schema) => ({ kind: 'missing_schema' as const, subject: `${catalogName}.${schema.name}`, message: `schema ${schema.name} is missing: run ade catalog init to create it` })),
  };
}
