import { describe, expect, it } from 'vitest';
import { countRowsSql, tableColumnsSql, tableExistsSql } from './table.sql';

const table = { catalog: 'healthcare_data', schema: 'silver', table: 'claims' };

describe('table SQL', () => {
  it('inspects and counts a table', () => {
    expect(tableExistsSql(table)).toMatchInlineSnapshot(`"SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'healthcare_data' AND schema_name = 'silver' AND table_name = 'claims'"`);
    expect(tableColumnsSql(table)).toMatchInlineSnapshot(`"SELECT column_name FROM duckdb_columns() WHERE database_name = 'healthcare_data' AND schema_name = 'silver' AND table_name = 'claims' ORDER BY column_index"`);
    expect(countRowsSql(table)).toMatchInlineSnapshot(`"SELECT count(*) AS n FROM "healthcare_data"."silver"."claims""`);
  });

  it('validates names before putting them in a literal', () => {
    expect(() => tableExistsSql({ ...table, schema: "x' OR '1'='1" })).toThrow(/identifier/);
  });
});
