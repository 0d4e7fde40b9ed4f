import { describe, expect, it } from 'vitest';
import { logicalTypeOfSpark, misfitSql, valueFitsSql } from './value-fit.sql';

describe('valueFitsSql on Databricks', () => {
  it('checks the shape and the cast for integers, so a fraction never truncates into an INT', () => {
    expect(valueFitsSql('v', 'INTEGER')).toBe("v RLIKE '^[+-]?[0-9]{1,10}\\\\z' AND try_cast(v AS INT) IS NOT NULL");
  });

  it('bounds a DECIMAL by its digits alone, so the cast never rounds', () => {
    expect(valueFitsSql('v', 'DECIMAL(10,2)')).toBe("v RLIKE '^[+-]?[0-9]{1,8}([.][0-9]{1,2})?\\\\z'");
    expect(valueFitsSql('v', 'DECIMAL(3,0)')).toBe("v RLIKE '^[+-]?[0-9]{1,3}\\\\z'");
  });

  it('keeps a date with a time out of a DATE column, and the offset in a TIMESTAMP WITH TIME ZONE', () => {
    expect(valueFitsSql('v', 'DATE')).toContain("'^[0-9]{4}-[0-9]{2}-[0-9]{2}\\\\z'");
    expect(valueFitsSql('v', 'TIMESTAMP')).toContain('try_cast(v AS TIMESTAMP_NTZ)');
    expect(valueFitsSql('v', 'TIMESTAMP WITH TIME ZONE')).toContain('(Z|[+-][0-9]{2}(:?[0-9]{2})?)?');
  });

  it('lets text types take anything and refuses a type name that could carry SQL', () => {
    expect(valueFitsSql('v', 'VARCHAR')).toBe('true');
    expect(valueFitsSql('v', 'BLOB')).toBe('true');
    expect(() => valueFitsSql('v', 'INT); DROP TABLE x; --')).toThrow(/not a logical type name/);
  });

  it('counts only present values that do not fit as misfits', () => {
    expect(misfitSql('v', 'BOOLEAN')).toBe('(v IS NOT NULL AND NOT coalesce(try_cast(v AS BOOLEAN) IS NOT NULL, false))');
  });
});

describe('logicalTypeOfSpark', () => {
  it.each([
    ['int', 'INTEGER'],
    ['bigint', 'BIGINT'],
    ['double', 'DOUBLE'],
    ['float', 'DOUBLE'],
    ['decimal(12, 2)', 'DECIMAL(12,2)'],
    ['date', 'DATE'],
    ['timestamp', 'TIMESTAMP WITH TIME ZONE'],
    ['timestamp_ntz', 'TIMESTAMP'],
    ['boolean', 'BOOLEAN'],
    ['string', 'VARCHAR'],
    ['struct<a:int>', 'VARCHAR'],
    ['array<string>', 'VARCHAR'],
    ['void', 'VARCHAR'],
  ])('reads %s as %s', (spark, logical) => {
    expect(logicalTypeOfSpark(spark)).toBe(logical);
  });
});
