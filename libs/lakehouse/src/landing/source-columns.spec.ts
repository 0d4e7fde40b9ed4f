import { describe, expect, it } from 'vitest';
import { listColumnNames, looksUndelimited, reservedColumns, unknownColumns } from './source-columns';

describe('source column checks', () => {
  it('finds file columns that clash with ingest metadata, in any case', () => {
    expect(reservedColumns(['claim_id', '_RUN_ID', '_source_file'])).toEqual(['_RUN_ID', '_source_file']);
  });

  it('finds file columns the table lacks, matching names case-insensitively', () => {
    expect(unknownColumns(['Claim_ID', 'plan_code'], ['claim_id', 'paid_amount'])).toEqual(['plan_code']);
  });

  it('spots whole lines read as one column when no delimiter was configured', () => {
    expect(looksUndelimited(['claim_id,member_name'], 'csv', {})).toBe(true);
    expect(looksUndelimited(['claim_id,member_name'], 'csv', { delimiter: '|' })).toBe(false);
    expect(looksUndelimited(['claim_id'], 'csv', {})).toBe(false);
    expect(looksUndelimited(['a,b'], 'ndjson', {})).toBe(false);
  });

  it('lists names boundedly and without control characters', () => {
    expect(listColumnNames(['a', 'b\n'])).toBe("'a', 'b?'");
    expect(listColumnNames(['x'.repeat(100)])).toBe(`'${'x'.repeat(61)}...'`);
    expect(listColumnNames(['a', 'b', 'c'], 2)).toBe("'a', 'b' and 1 more");
  });
});
