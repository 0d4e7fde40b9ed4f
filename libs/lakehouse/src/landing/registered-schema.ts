import { z } from 'zod';
import { formatTableName, schemaColumnSchema, type TableRef } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { ColumnPlan, RegisteredSchema, Row } from '../lakehouse.port';

const storedColumns = z.array(schemaColumnSchema);

/** A `schema_history` row as both engines' latest-version queries select it (`recorded_at_ms`: epoch milliseconds). */
export function registeredSchemaFromRow(row: Row): RegisteredSchema {
  return {
    version: Number(row['version']),
    fingerprint: String(row['fingerprint']),
    // Parsed, not trusted: the column is only text (or JSON) to the engine, and callers rely on its shape.
    columns: storedColumns.parse(JSON.parse(String(row['columns']))),
    runId: String(row['run_id']),
    sourceFile: String(row['source_file']),
    recordedAt: new Date(Number(row['recorded_at_ms'])),
  };
}

/** A plan made from an older version than the latest must not land: the caller plans again. */
export function assertPlanIsCurrent(plan: ColumnPlan, latestVersion: number, table: TableRef, displayPath: string): void {
  if (plan.basedOnVersion !== undefined && plan.basedOnVersion !== latestVersion) {
    throw new LakehouseError(
      'conflict',
      `the schema of ${formatTableName(table)} moved to version ${latestVersion} after the column plan for '${displayPath}' was made from version ${plan.basedOnVersion}; plan again`,
      { retryable: false },
    );
  }
}
