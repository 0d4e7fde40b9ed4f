import { formatTableName, type TableRef } from '@ade/contracts';
import { duckdbSql, type SqlSession } from '@ade/lakehouse';
import { duckdbStage, type StageDialect } from '../sql/stage-dialect';

/** The tables one pipeline writes: bronze lands, silver and its quarantine are judged rows. */
export interface MedallionTables {
  bronze: TableRef;
  silver: TableRef;
  quarantine: TableRef;
}

export function medallionTables(catalog: string, table: string): MedallionTables {
  return {
    bronze: { catalog, schema: 'bronze', table },
    silver: { catalog, schema: 'silver', table },
    quarantine: { catalog, schema: 'silver', table: `${table}_quarantine` },
  };
}

/** The table's columns in order, or null when it does not exist. */
export async function tableColumns(session: SqlSession, table: TableRef, stage: StageDialect = duckdbStage): Promise<string[] | null> {
  const literal = stage.expressions.string;
  const rows = await session.query(
    `SELECT column_name FROM information_schema.columns WHERE table_catalog = ${literal(table.catalog)} AND table_schema = ${literal(table.schema)} AND table_name = ${literal(table.table)} ORDER BY ordinal_position`,
  );
  return rows.length ? rows.map((row) => String(row['column_name'])) : null;
}

/** Bronze's data columns: what the files brought, without the ingest's own. */
export async function bronzeDataColumns(session: SqlSession, bronze: TableRef): Promise<string[] | null> {
  const columns = await tableColumns(session, bronze);
  return columns && columns.filter((column) => !(duckdbSql.BRONZE_METADATA_COLUMNS as readonly string[]).includes(column));
}

/** A lookup table in the silver schema, qualified, when it exists. */
export async function lookupTable(session: SqlSession, catalog: string, table: string, self: TableRef, stage: StageDialect = duckdbStage): Promise<string | null> {
  const ref: TableRef = { catalog, schema: 'silver', table };
  if (formatTableName(ref) === formatTableName(self)) return null;
  return (await tableColumns(session, ref, stage)) ? stage.table(ref) : null;
}

/** Runs `work` in one transaction: everything it writes commits together or not at all. */
export async function inTransaction<T>(session: SqlSession, work: () => Promise<T>): Promise<T> {
  await session.execute('BEGIN TRANSACTION');
  try {
    const result = await work();
    await session.execute('COMMIT');
    return result;
  } catch (error) {
    await session.execute('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
