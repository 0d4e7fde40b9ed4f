import { describe, expect, it } from 'vitest';
import { misfitSql, valueFitsSql } from './value-fit.sql';

describe('value fit SQL', () => {
  it('compares with an exact wider type where a cast could round or cut', () => {
    expect(valueFitsSql('src."units"', 'BIGINT')).toMatchInlineSnapshot(`"CASE WHEN regexp_full_match(src."units", '-?[0-9]{1,18}') THEN true ELSE TRY_CAST(src."units" AS BIGINT) = TRY_CAST(src."units" AS DECIMAL(38,19)) END"`);
    expect(valueFitsSql('v', 'DECIMAL(18,2)')).toMatchInlineSnapshot(`"CASE WHEN regexp_full_match(v, '-?[0-9]{1,16}(\\.[0-9]{1,2})?') THEN true ELSE TRY_CAST(v AS DECIMAL(18,2)) = TRY_CAST(v AS DECIMAL(38,22)) END"`);
    expect(valueFitsSql('v', 'DATE')).toMatchInlineSnapshot(`"TRY_CAST(v AS DATE) = TRY_CAST(v AS TIMESTAMP)"`);
  });

  it('only tries the cast for types a cast cannot change', () => {
    expect(valueFitsSql('v', 'DOUBLE')).toMatchInlineSnapshot(`"TRY_CAST(v AS DOUBLE) IS NOT NULL"`);
    expect(valueFitsSql('v', 'DECIMAL(38,2)')).toMatchInlineSnapshot(`"CASE WHEN regexp_full_match(v, '-?[0-9]{1,36}(\\.[0-9]{1,2})?') THEN true ELSE TRY_CAST(v AS DECIMAL(38,2)) IS NOT NULL END"`);
  });

  it('calls a non-null value that does not fit a misfit', () => {
    expect(misfitSql('src."Paid Amt"', 'BIGINT')).toMatchInlineSnapshot(`"(src."Paid Amt" IS NOT NULL AND NOT coalesce(CASE WHEN regexp_full_match(src."Paid Amt", '-?[0-9]{1,18}') THEN true ELSE TRY_CAST(src."Paid Amt" AS BIGINT) = TRY_CAST(src."Paid Amt" AS DECIMAL(38,19)) END, false))"`);
  });

  it('refuses a type that is not a type name', () => {
    expect(() => valueFitsSql('v', 'BIGINT) OR (1=1')).toThrow(/logical type/);
  });
});
