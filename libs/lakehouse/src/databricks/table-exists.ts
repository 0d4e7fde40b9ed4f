import type { TableRef } from '@ade/contracts';
import { tableExistsSql } from './spark-sql';
import type { StatementRunner } from './statement-runner';

/** Whether the session's catalog has the table, by its information schema. */
export async function tableExists(runner: StatementRunner, table: TableRef): Promise<boolean> {
  return Number((await runner.first(tableExistsSql(table)))?.['n'] ?? 0) > 0;
}
