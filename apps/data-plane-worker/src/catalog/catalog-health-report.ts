import { DATA_TYPES, formatTableName, MEDALLION_SCHEMAS, type CatalogHealth } from '@ade/contracts';
import { phiColumns } from '@ade/healthcare';
import type { CatalogGovernance, CatalogInventory, GovernedColumns, SqlDialect } from '@ade/lakehouse';

/** The schemas every catalog must have: the medallion layers and the platform's own. */
export const REQUIRED_SCHEMAS = [...MEDALLION_SCHEMAS, '_system'] as const;

/** Column names that mark a HIPAA identifier in some canonical schema. */
export const PHI_NAMES: ReadonlySet<string> = new Set(DATA_TYPES.flatMap((dataType) => phiColumns(dataType)));

/** The PHI columns that say who a member is (identifiers and names): masked in silver and gold from readers without PHI access. */
export const MEMBER_IDENTITY_NAMES: ReadonlySet<string> = new Set([
  'person_id',
  'member_id',
  'mbi',
  'subscriber_id',
  'social_security_number',
  'patient_first_name',
  'patient_last_name',
  'first_name',
  'last_name',
]);

/** What `ade catalog init` governs and `ade catalog health` checks on an engine that can. */
export const GOVERNED_COLUMNS: GovernedColumns = { phi: PHI_NAMES, masked: MEMBER_IDENTITY_NAMES };

/**
 * The health of a catalog from its inventory: every required schema present, each table with its
 * rows, last write and the columns whose canonical name marks PHI. An engine without tags or
 * grants (DuckDB) has no governance (null); on Unity Catalog, each untagged PHI column, unmasked
 * member identifier or name and missing grant is a finding.
 */
export function catalogHealthReport(catalogName: string, dialect: SqlDialect, inventory: CatalogInventory, governance: CatalogGovernance | null = null): CatalogHealth {
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
    governance,
    findings: [
      ...schemas
        .filter((schema) => !schema.present)
        .map((schema) => ({ kind: 'missing_schema' as const, subject: `${catalogName}.${schema.name}`, message: `schema ${schema.name} is missing: run ade catalog init to create it` })),
      ...(governance?.untaggedPhiColumns ?? []).map((column) => ({
        kind: 'untagged_phi' as const,
        subject: column,
        message: `PHI column without the 'phi' tag: run ade catalog init to tag it`,
      })),
      ...(governance?.unmaskedPhiColumns ?? []).map((column) => ({
        kind: 'unmasked_phi' as const,
        subject: column,
        message: 'member identifier or name readable without PHI access: run ade catalog init to mask it',
      })),
      ...(governance && governance.phiMask !== 'current'
        ? [
            {
              kind: 'stale_phi_mask' as const,
              subject: `${catalogName}._system.phi_mask`,
              message:
                governance.phiMask === 'missing'
                  ? 'the PHI mask function is missing: run ade catalog init to create it'
                  : "the PHI mask lets through others than the platform's principal and the PHI reader groups: run ade catalog init to replace it",
            },
          ]
        : []),
      ...(governance?.missingGrants ?? []).map((grant) => ({
        kind: 'missing_grant' as const,
        subject: grant,
        message: "a reader group of the tenant's engine settings lacks this grant: run ade catalog init to grant it",
      })),
    ],
  };
}
