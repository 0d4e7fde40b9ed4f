import { describe, expect, it } from 'vitest';
import { describeSourceSql, inferSourceSql, readSourceSql } from './source.sql';

describe('source SQL', () => {
  it('reads CSV as raw strings, sniffing only the dialect left unset', () => {
    expect(readSourceSql('/landing/claims.csv', 'csv', {})).toMatchInlineSnapshot(`"SELECT * FROM read_csv('/landing/claims.csv', header = true, skip = 0, comment = '', all_varchar = true, strict_mode = true, filename = false, hive_partitioning = false)"`);
    expect(readSourceSql("/landing/o'neil.txt", 'csv', { delimiter: '|', quote: "'", header: false })).toMatchInlineSnapshot(`"SELECT * FROM read_csv('/landing/o''neil.txt', header = false, delim = '|', quote = '''', skip = 0, comment = '', all_varchar = true, strict_mode = true, filename = false, hive_partitioning = false)"`);
  });

  it('reads NDJSON and Parquet with every column as text', () => {
    expect(readSourceSql('/landing/claims.ndjson', 'ndjson', {})).toMatchInlineSnapshot(`"SELECT COLUMNS(*) ->> '$' FROM read_json('/landing/claims.ndjson', format = 'newline_delimited', maximum_depth = 1, filename = false, hive_partitioning = false)"`);
    expect(readSourceSql('/landing/claims.parquet', 'parquet', {})).toMatchInlineSnapshot(`"SELECT COLUMNS(*)::VARCHAR FROM read_parquet('/landing/claims.parquet', filename = false, hive_partitioning = false, file_row_number = false)"`);
  });

  it('reads the same file with inferred types for schema inference', () => {
    expect(inferSourceSql('/landing/claims.csv', 'csv', { delimiter: '|' })).toMatchInlineSnapshot(`"SELECT * FROM read_csv('/landing/claims.csv', header = true, delim = '|', skip = 0, comment = '', strict_mode = true, filename = false, hive_partitioning = false)"`);
    expect(inferSourceSql('/landing/claims.ndjson', 'ndjson', {})).toMatchInlineSnapshot(`"SELECT * FROM read_json('/landing/claims.ndjson', format = 'newline_delimited', maximum_depth = 2, filename = false, hive_partitioning = false)"`);
    expect(inferSourceSql('/landing/claims.parquet', 'parquet', {})).toMatchInlineSnapshot(`"SELECT * FROM read_parquet('/landing/claims.parquet', filename = false, hive_partitioning = false, file_row_number = false)"`);
  });

  it('describes a source', () => {
    expect(describeSourceSql('SELECT 1')).toMatchInlineSnapshot(`"DESCRIBE SELECT 1"`);
  });
});
