import { describe, expect, it } from 'vitest';
import { NO_VALUES_TYPE } from '../lakehouse.port';
import { confirmedType } from '../landing/confirmed-type';
import { logicalType } from './logical-type';

describe('logicalType', () => {
  it.each([
    ['BIGINT', 'BIGINT'],
    ['DECIMAL(10,2)', 'DECIMAL(10,2)'],
    ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE'],
    ['UINTEGER', 'BIGINT'],
    ['FLOAT', 'DOUBLE'],
    ['TIMESTAMP_NS', 'TIMESTAMP'],
    ['STRUCT("primary" VARCHAR)', 'VARCHAR'],
    ['BIGINT[]', 'VARCHAR'],
    ['JSON', 'VARCHAR'],
    ["ENUM('Zebediah', 'Quackenbush')", 'VARCHAR'],
    ['MAP(VARCHAR, INTEGER)', 'VARCHAR'],
  ])('reads %s as %s', (engineType, expected) => {
    expect(logicalType(engineType)).toBe(expected);
  });
});

describe('confirmedType', () => {
  it('keeps a type every sampled value fits, and falls back otherwise', () => {
    expect(confirmedType('DATE', { values: 10, misfits: 0 })).toBe('DATE');
    expect(confirmedType('DATE', { values: 10, misfits: 1 })).toBe('VARCHAR');
    expect(confirmedType('VARCHAR', { values: 0, misfits: 0 })).toBe(NO_VALUES_TYPE);
  });
});
