import type { ReferenceTableFile } from '../lakehouse.port';
import { createReferenceTableSql, referenceTable, schemaTable, tableExistsSql } from './spark-sql';
import { withStagedFile } from './staged-file';
import type { StatementRunner } from './statement-runner';

/**
 * A code set as a Delta table of the catalog, loaded from the worker's file the first time a
 * session needs that content (the name carries its hash); later sessions find it and stage nothing.
 */
export async function loadReferenceTable(runner: StatementRunner, catalogName: string, file: ReferenceTableFile): Promise<string> {
  const { schema, table } = referenceTable(file);
  const exists = Number((await runner.first(tableExistsSql({ catalog: catalogName, schema, table })))?.['n'] ?? 0) > 0;
  if (!exists) await withStagedFile(runner, catalogName, file.path, (volumePath) => runner.rows(createReferenceTableSql(file, volumePath)));
  return schemaTable(schema, table);
}
