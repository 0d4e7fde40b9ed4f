import { formatTableName, type TableRef } from '@ade/contracts';
import type { RegisteredSchema } from '../lakehouse.port';
import { registeredSchemaFromRow } from '../landing/registered-schema';
import { latestSchemaVersionSql } from './spark-sql';
import type { StatementRunner } from './statement-runner';

export async function latestRegisteredSchema(runner: StatementRunner, table: TableRef): Promise<RegisteredSchema | null> {
  const row = await runner.first(latestSchemaVersionSql(formatTableName(table)));
  return row ? registeredSchemaFromRow(row) : null;
}
