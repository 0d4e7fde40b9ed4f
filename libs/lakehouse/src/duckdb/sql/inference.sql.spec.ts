import { describe, expect, it } from 'vitest';
import { sampleColumnsSql } from './inference.sql';

describe('inference SQL', () => {
  it('counts values and misfits per column over a sample of the raw source', () => {
    const columns = [
      { name: 'claim_id', type: 'VARCHAR' },
      { name: 'Paid "Amt"', type: 'DOUBLE' },
      { name: 'units', type: 'BIGINT' },
    ];
    expect(sampleColumnsSql("SELECT * FROM read_csv('/landing/claims.csv')", columns, 100)).toMatchInlineSnapshot(`
      "SELECT count(src."claim_id") AS n0, 0 AS m0, count(src."Paid ""Amt""") AS n1, count(*) FILTER (WHERE (src."Paid ""Amt""" IS NOT NULL AND NOT coalesce(TRY_CAST(src."Paid ""Amt""" AS DOUBLE) IS NOT NULL, false))) AS m1, count(src."units") AS n2, count(*) FILTER (WHERE (src."units" IS NOT NULL AND NOT coalesce(CASE WHEN regexp_full_match(src."units", '-?[0-9]{1,18}') THEN true ELSE TRY_CAST(src."units" AS BIGINT) = TRY_CAST(src."units" AS DECIMAL(38,19)) END, false))) AS m2
      FROM (SELECT * FROM (SELECT * FROM read_csv('/landing/claims.csv')) LIMIT 100) AS src"
    `);
  });
});
