import { z } from 'zod';
import { EXPORT_FORMATS, exportPath, exportTableName, exportWhere } from '@ade/contracts';
import { resourceIdSchema } from '../../common/resource-id';

/**
 * `ade export TABLE --to CONNECTOR:PATH --format parquet|csv [--where SQL]`, checked against the
 * `table.export` job's own schemas so a 400 names the field before anything is recorded.
 */
export const createExportSchema = z
  .object({
    table: exportTableName,
    connectorId: resourceIdSchema,
    path: exportPath,
    format: z.enum(EXPORT_FORMATS).default('parquet'),
    where: exportWhere.nullable().default(null),
  })
  .strict();
export type CreateExportDto = z.infer<typeof createExportSchema>;

export const listExportsQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export type ListExportsQuery = z.infer<typeof listExportsQuerySchema>;
