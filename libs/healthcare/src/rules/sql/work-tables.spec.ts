import { describe, expect, it } from 'vitest';
import { duckdbTempTables } from './work-tables';

describe('duckdbTempTables', () => {
  it('keeps work tables as temp tables of the session, named as they are', () => {
    expect(duckdbTempTables.createAs('src', 'SELECT 1 AS x')).toBe('CREATE OR REPLACE TEMP TABLE src AS SELECT 1 AS x');
    expect(duckdbTempTables.ref('src')).toBe('src');
    expect(duckdbTempTables.from('src')).toBe('src');
    expect(duckdbTempTables.drop('src')).toBe('DROP TABLE IF EXISTS src');
    expect(duckdbTempTables.rename('judged_rows', 'src')).toBe('ALTER TABLE judged_rows RENAME TO src');
  });
});
