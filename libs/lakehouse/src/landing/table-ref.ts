import { ContractViolation, formatTableName, type TableRef } from '@ade/contracts';
import { assertSqlIdentifier } from './sql-names';

/** A catalog session only touches its own catalog, even though the tenant's instance may hold others. */
export function assertTableInCatalog(table: TableRef, catalogName: string): void {
  for (const name of [table.catalog, table.schema, table.table]) assertSqlIdentifier(name);
  if (table.catalog !== catalogName) {
    throw new ContractViolation(`table ${formatTableName(table)} is not in catalog '${catalogName}'`);
  }
}

export function assertBronzeTarget(table: TableRef, catalogName: string): void {
  assertTableInCatalog(table, catalogName);
  if (table.schema !== 'bronze') {
    throw new ContractViolation(`bronze ingest target ${formatTableName(table)} must be in the bronze schema`);
  }
}
