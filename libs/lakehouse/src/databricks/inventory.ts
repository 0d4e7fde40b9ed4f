import type { CatalogInventory } from '../lakehouse.port';
import { catalogColumnsSql, countRowsSql, lastWritesSql, schemasSql, SYSTEM_SCHEMA } from './spark-sql';
import type { StatementRunner } from './statement-runner';

/** Names, columns, counts and last writes from the information schema and the lineage table: never a value. */
export async function catalogInventory(runner: StatementRunner, catalogName: string): Promise<CatalogInventory> {
  const schemas = (await runner.rows(schemasSql())).map((row) => String(row['schema_name']));
  const lastWrites = new Map(
    schemas.includes(SYSTEM_SCHEMA)
      ? (await runner.rows(lastWritesSql())).map((row) => [String(row['target']), row['last_write_ms'] === null ? null : new Date(Number(row['last_write_ms']))] as const)
      : [],
  );
  const columnsByTable = new Map<string, { schema: string; table: string; columns: string[] }>();
  for (const row of await runner.rows(catalogColumnsSql())) {
    const [schema, table] = [String(row['table_schema']), String(row['table_name'])];
    const key = `${schema}.${table}`;
    const entry = columnsByTable.get(key) ?? { schema, table, columns: [] };
    entry.columns.push(String(row['column_name']));
    columnsByTable.set(key, entry);
  }
  const tables: CatalogInventory['tables'] = [];
  for (const { schema, table, columns } of columnsByTable.values()) {
    const ref = { catalog: catalogName, schema, table };
    const counted = await runner.first(countRowsSql(ref));
    tables.push({ table: ref, columns, rows: Number(counted?.['n'] ?? 0), lastWriteAt: lastWrites.get(`${catalogName}.${schema}.${table}`) ?? null });
  }
  return { schemas, tables };
}
