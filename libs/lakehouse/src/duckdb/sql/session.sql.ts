/** Transaction control and instance settings, named so every statement the adapter runs is reviewable. */

export function beginSql(): string {
  return 'BEGIN TRANSACTION';
}

export function commitSql(): string {
  return 'COMMIT';
}

export function rollbackSql(): string {
  return 'ROLLBACK';
}

/** TIMESTAMPTZ values render in the session zone; UTC keeps rows identical on every machine. */
export function utcTimeZoneSql(): string {
  return "SET GLOBAL TimeZone = 'UTC'";
}
