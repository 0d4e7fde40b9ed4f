import { z } from 'zod';
import { THREE_PART_TABLE_NAME } from './identifiers';

export const CATALOG_ENGINES = ['embedded', 'databricks'] as const;
export type CatalogEngine = (typeof CATALOG_ENGINES)[number];

export const CATALOG_HEALTH_FINDINGS = ['missing_schema', 'untagged_phi', 'unmasked_phi', 'stale_phi_mask', 'missing_grant'] as const;

const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/);

/**
 * What a catalog holds and what is wrong with it, as `ade catalog health` shows it: schema and
 * table names, row counts, last writes and column names only, never a value. `governance` is null
 * on an engine that has no tags, masks or grants (the embedded one).
 */
export const catalogHealthSchema = z
  .object({
    engine: z.enum(CATALOG_ENGINES),
    catalogName: z.string().max(128),
    schemas: z.array(z.object({ name: z.string().max(128), present: z.boolean() }).strict()).max(16),
    tables: z
      .array(
        z
          .object({
            table: z.string().regex(THREE_PART_TABLE_NAME),
            rows: z.int().min(0),
            /** The last write the catalog's lineage records for the table; null if none. */
            lastWriteAt: z.iso.datetime().nullable(),
            /** Columns whose canonical name marks a HIPAA identifier (see SCHEMAS.md). */
            phiColumns: z.array(columnName).max(256),
          })
          .strict(),
      )
      .max(2000),
    governance: z
      .object({
        untaggedPhiColumns: z.array(z.string().max(300)).max(2000),
        /** Member identifier and name columns of silver and gold without the PHI column mask. */
        unmaskedPhiColumns: z.array(z.string().max(300)).max(2000),
        /**
         * Whether the PHI mask lets through exactly the platform's principal and the PHI reader
         * groups (`current`), others (`stale`), or does not exist (`missing`).
         */
        phiMask: z.enum(['current', 'stale', 'missing']),
        /** Grants the tenant's reader groups should have and do not, as GRANT statements. */
        missingGrants: z.array(z.string().max(600)).max(2000),
      })
      .strict()
      .nullable(),
    findings: z
      .array(z.object({ kind: z.enum(CATALOG_HEALTH_FINDINGS), subject: z.string().max(600), message: z.string().max(500) }).strict())
      .max(4000),
  })
  .strict();
export type CatalogHealth = z.infer<typeof catalogHealthSchema>;
