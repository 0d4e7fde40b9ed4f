import type { ReferenceTableFile } from '../../lakehouse.port';
import { DELTA_PROPERTIES, SYSTEM_SCHEMA } from './catalog.sql';
import { quoteColumnName, schemaTable } from './literals';
import { readFilesSql } from './source.sql';

/** `_system.ref_<name>_<hash>`: a new code set is a new table, so a session never reads a half-replaced one. */
export function referenceTable(file: Pick<ReferenceTableFile, 'name' | 'contentHash'>): { schema: string; table: string } {
  return { schema: SYSTEM_SCHEMA, table: `ref_${file.name}_${file.contentHash.slice(0, 16)}` };
}

/** Loads the staged file once: IF NOT EXISTS, so two sessions loading the same content race harmlessly. */
export function createReferenceTableSql(file: ReferenceTableFile, volumePath: string): string {
  const { schema, table } = referenceTable(file);
  const projection = file.columns.map((column) => {
    const name = quoteColumnName(column.name);
    return column.type === 'DATE' ? `CAST(src.${name} AS DATE) AS ${name}` : `src.${name} AS ${name}`;
  });
  return (
    `CREATE TABLE IF NOT EXISTS ${schemaTable(schema, table)} USING DELTA ${DELTA_PROPERTIES}\n` +
    `AS SELECT ${projection.join(', ')} FROM (${readFilesSql(volumePath, 'csv', { header: true, quote: '"' }, false)}) AS src`
  );
}
