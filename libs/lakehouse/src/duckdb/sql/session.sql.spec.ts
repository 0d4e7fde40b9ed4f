import { describe, expect, it } from 'vitest';
import { beginSql, commitSql, rollbackSql, utcTimeZoneSql } from './session.sql';

describe('session SQL', () => {
  it('controls transactions and the session zone', () => {
    expect([beginSql(), commitSql(), rollbackSql(), utcTimeZoneSql()]).toMatchInlineSnapshot(`
      [
        "BEGIN TRANSACTION",
        "COMMIT",
        "ROLLBACK",
        "SET GLOBAL TimeZone = 'UTC'",
      ]
    `);
  });
});
