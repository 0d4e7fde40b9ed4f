import type { CatalogGovernance } from '../lakehouse.port';
import { catalogColumnsSql, phiTaggedColumnsSql, SYSTEM_SCHEMA, tagPhiColumnSql } from './spark-sql';
import type { StatementRunner } from './statement-runner';

/**
 * The catalog's PHI columns (by name, from the caller's vocabulary) that carry no `phi` tag;
 * with `apply`, each is tagged first. The platform's own `_system` tables hold no PHI.
 */
export async function governPhiColumns(runner: StatementRunner, catalogName: string, phiColumnNames: ReadonlySet<string>, apply: boolean): Promise<CatalogGovernance> {
  const key = (schema: unknown, table: unknown, column: unknown) => `${String(schema)}.${String(table)}.${String(column).toLowerCase()}`;
  const tagged = new Set((await runner.rows(phiTaggedColumnsSql())).map((row) => key(row['schema_name'], row['table_name'], row['column_name'])));
  const untagged = (await runner.rows(catalogColumnsSql())).filter(
    (row) => row['table_schema'] !== SYSTEM_SCHEMA && phiColumnNames.has(String(row['column_name']).toLowerCase()) && !tagged.has(key(row['table_schema'], row['table_name'], row['column_name'])),
  );
  const remaining: string[] = [];
  for (const row of untagged) {
    const [schema, table, column] = [String(row['table_schema']), String(row['table_name']), String(row['column_name'])];
    if (apply) await runner.rows(tagPhiColumnSql(schema, table, column));
    else remaining.push(`${catalogName}.${schema}.${table}.${column}`);
  }
  return { untaggedPhiColumns: remaining, missingGrants: [] };
}
