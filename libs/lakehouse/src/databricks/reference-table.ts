import type { ReferenceTableFile } from '../lakehouse.port';
import { createReferenceTableSql, referenceTable, schemaTable } from './spark-sql';
import { withStagedFile } from './staged-file';
import { tableExists } from './table-exists';
import type { StatementRunner } from './statement-runner';

/**
 * A code set as a Delta table of the catalog, loaded from the worker's file the first time a
 * session needs that content (the name carries its hash); later sessions find it and stage nothing.
 */
export async function loadReferenceTable(runner: StatementRunner, catalogName: string, file: ReferenceTableFile): Promise<string> {
  const { schema, table } = referenceTable(file);
  if (!(await tableExists(runner, { catalog: catalogName, schema, table }))) await withStagedFile(runner, catalogName, file.path, (volumePath) => runner.rows(createReferenceTableSql(file, volumePath)));
  return schemaTable(schema, table);
}
