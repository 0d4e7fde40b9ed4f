import { quoteColumnName, schemaTable, sqlString } from './literals';

/** The Unity Catalog tag a PHI column carries, so the workspace's own policies and audits can find it. */
export const PHI_TAG = 'phi';

/** The columns of the catalog that carry the PHI tag. */
export function phiTaggedColumnsSql(): string {
  return `SELECT schema_name, table_name, column_name FROM information_schema.column_tags WHERE tag_name = ${sqlString(PHI_TAG)}`;
}

export function tagPhiColumnSql(schema: string, table: string, column: string): string {
  return `ALTER TABLE ${schemaTable(schema, table)} ALTER COLUMN ${quoteColumnName(column)} SET TAGS (${sqlString(PHI_TAG)} = 'true')`;
}
