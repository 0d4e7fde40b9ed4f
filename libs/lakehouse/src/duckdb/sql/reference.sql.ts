import type { ReferenceTableFile } from '../../lakehouse.port';
import { quoteIdentifier, sqlString } from './literals';

const tempTable = (file: Pick<ReferenceTableFile, 'name'>) => quoteIdentifier(`ref_${file.name}`);

/** The session's temp table of a reference file: every session builds its own, from the worker's cached file. */
export function referenceTableName(file: Pick<ReferenceTableFile, 'name'>): string {
  return `temp.main.${tempTable(file)}`;
}

export function loadReferenceTableSql(file: ReferenceTableFile): string {
  const columns = file.columns.map((column) => `${sqlString(column.name)}: ${sqlString(column.type)}`).join(', ');
  return `CREATE OR REPLACE TEMP TABLE ${tempTable(file)} AS SELECT * FROM read_csv(${sqlString(file.path)}, header = true, quote = '"', escape = '"', columns = {${columns}})`;
}
