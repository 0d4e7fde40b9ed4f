import { describe, expect, it } from 'vitest';
import { sourceSelection } from './source-selection';

describe('sourceSelection', () => {
  it('takes a directory\'s files whose extension fits the format, case-insensitively', () => {
    const selection = sourceSelection('claims', 'csv');
    expect(selection).toMatchObject({ directory: 'claims', pattern: null, globInDirectory: false });
    expect(['a.csv', 'b.CSV', 'c.tsv', 'd.txt', 'e.json', 'csv', '.csv', 'f.csv.gz'].filter(selection.accepts)).toEqual(['a.csv', 'b.CSV', 'c.tsv', 'd.txt']);
    expect(['x.837', 'x.835', 'x.834', 'x.EDI', 'x.x12', 'x.txt', 'x.csv'].filter(sourceSelection('edi', 'x12').accepts)).toEqual(['x.837', 'x.835', 'x.834', 'x.EDI', 'x.x12', 'x.txt']);
    expect(['p.parquet', 'p.json'].filter(sourceSelection('p', 'parquet').accepts)).toEqual(['p.parquet']);
    expect(['n.ndjson', 'n.jsonl', 'n.json', 'n.csv'].filter(sourceSelection('n', 'ndjson').accepts)).toEqual(['n.ndjson', 'n.jsonl', 'n.json']);
  });

  it('takes the files a pattern in the last segment matches, whatever their extension', () => {
    const selection = sourceSelection('claims/2026-*.csv', 'csv');
    expect(selection).toMatchObject({ directory: 'claims', globInDirectory: false });
    expect(['2026-01.csv', '2026-.csv', '2026-01.CSV', '2025-01.csv', 'x2026-01.csv', '2026-01.csv.bak'].filter(selection.accepts)).toEqual(['2026-01.csv', '2026-.csv']);
    expect(['a1.x', 'ab.x', 'a.x', 'a12.x'].filter(sourceSelection('a?.x', 'csv').accepts)).toEqual(['a1.x', 'ab.x']);
    expect(sourceSelection('a?.x', 'csv').directory).toBe('.');
    expect(['a+b.csv', 'aab.csv'].filter(sourceSelection('a+b*.csv', 'csv').accepts)).toEqual(['a+b.csv']);
  });

  it('says when a wildcard stands in a directory, which runs refuse', () => {
    expect(sourceSelection('20*/claims.csv', 'csv').globInDirectory).toBe(true);
    expect(sourceSelection('a/b?/c*.csv', 'csv').globInDirectory).toBe(true);
    expect(sourceSelection('a/b/c*.csv', 'csv')).toMatchObject({ directory: 'a/b', globInDirectory: false });
  });
});
