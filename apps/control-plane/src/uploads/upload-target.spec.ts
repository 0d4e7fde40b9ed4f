import { describe, expect, it } from 'vitest';
import { uploadTarget } from './upload-target';

describe('uploadTarget', () => {
  it('puts a file into the source directory when its extension fits the format', () => {
    expect(uploadTarget({ path: 'claims', format: 'csv' }, '2026-01.csv')).toEqual({ path: 'claims/2026-01.csv' });
    expect(uploadTarget({ path: 'claims/', format: 'csv' }, '2026-01.CSV')).toEqual({ path: 'claims/2026-01.CSV' });
    expect(uploadTarget({ path: '.', format: 'x12' }, 'batch.837')).toEqual({ path: 'batch.837' });
    expect(uploadTarget({ path: 'claims', format: 'csv' }, 'claims.parquet')).toEqual({ problem: "has no extension the pipeline's csv source reads" });
  });

  it('takes a name the source pattern matches, and only the named file for a one-file source', () => {
    expect(uploadTarget({ path: 'claims/2026-*.csv', format: 'csv' }, '2026-02.csv')).toEqual({ path: 'claims/2026-02.csv' });
    expect(uploadTarget({ path: 'claims/2026-*.csv', format: 'csv' }, '2025-02.csv')).toEqual({ problem: "does not match the pipeline's source pattern claims/2026-*.csv" });
    expect(uploadTarget({ path: 'cli/claims.csv', format: 'csv' }, 'claims.csv')).toEqual({ path: 'cli/claims.csv' });
    expect(uploadTarget({ path: 'cli/claims.csv', format: 'csv' }, 'other.csv')).toEqual({ problem: 'must be claims.csv: the pipeline reads that one file' });
  });

  it('refuses a name that is not one plain path segment', () => {
    for (const name of ['', '../x.csv', 'a/b.csv', 'a\\b.csv', '.hidden.csv', 'a\u0000.csv', 'a\n.csv', '．．.csv', 'x'.repeat(256) + '.csv', '%2e%2e.csv']) {
      expect(uploadTarget({ path: 'claims', format: 'csv' }, name), JSON.stringify(name)).toEqual({ problem: 'must be a plain file name: no slashes, control characters or leading dot' });
    }
  });
});
