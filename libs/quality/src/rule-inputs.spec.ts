import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { asRuleInput, asRuleInputSql } from './rule-inputs';

const VALUES = ['', ' ', '\t', '\r\n', ' \t \n ', 'x', ' x', 'x ', '\u00a0', '\u2003', '0', ' 0 ', '\n\nE11.9'];

describe('asRuleInput and its SQL twin', () => {
  it('agree on which values are blank', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      await connection.run('CREATE TABLE v (i INTEGER, value VARCHAR)');
      const appender = await connection.createAppender('v');
      VALUES.forEach((value, i) => {
        appender.appendInteger(i);
        appender.appendVarchar(value);
        appender.endRow();
      });
      appender.closeSync();
      const rows = (await connection.runAndReadAll(`SELECT i, ${asRuleInputSql('value')} AS cleaned FROM v ORDER BY i`)).getRowObjectsJson();
      expect(rows.map((row) => row['cleaned'])).toEqual(VALUES.map(asRuleInput));
      expect(VALUES.map(asRuleInput).filter((v) => v === null)).toHaveLength(5);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
