import { describe, expect, it } from 'vitest';
import { compareTypes, type TypeChange } from './type-lattice';

describe('compareTypes', () => {
  it.each<[string, string, TypeChange]>([
    ['BIGINT', 'BIGINT', 'same'],
    // widened: the incoming type holds every registered value
    ['BOOLEAN', 'BIGINT', 'widened'],
    ['TINYINT', 'BIGINT', 'widened'],
    ['SMALLINT', 'INTEGER', 'widened'],
    ['INTEGER', 'BIGINT', 'widened'],
    ['BIGINT', 'HUGEINT', 'widened'],
    ['BIGINT', 'DECIMAL(18,2)', 'widened'],
    ['BIGINT', 'DOUBLE', 'widened'],
    ['INTEGER', 'DOUBLE', 'widened'],
    ['DECIMAL(10,2)', 'DOUBLE', 'widened'],
    ['DECIMAL(10,2)', 'DECIMAL(12,3)', 'widened'],
    ['DATE', 'TIMESTAMP', 'widened'],
    ['TIMESTAMP', 'TIMESTAMP WITH TIME ZONE', 'widened'],
    ['DATE', 'VARCHAR', 'widened'],
    ['BOOLEAN', 'VARCHAR', 'widened'],
    ['UUID', 'VARCHAR', 'widened'],
    // narrowed: the reverse
    ['BIGINT', 'INTEGER', 'narrowed'],
    ['DOUBLE', 'BIGINT', 'narrowed'],
    ['BIGINT', 'BOOLEAN', 'narrowed'],
    ['VARCHAR', 'BIGINT', 'narrowed'],
    ['VARCHAR', 'DATE', 'narrowed'],
    ['TIMESTAMP', 'DATE', 'narrowed'],
    ['DECIMAL(12,3)', 'DECIMAL(10,2)', 'narrowed'],
    // incompatible: neither holds the other
    ['DATE', 'BIGINT', 'incompatible'],
    ['BIGINT', 'DATE', 'incompatible'],
    ['BOOLEAN', 'DATE', 'incompatible'],
    ['DATE', 'BOOLEAN', 'incompatible'],
    ['TIME', 'DATE', 'incompatible'],
    ['HUGEINT', 'DECIMAL(38,0)', 'incompatible'],
    ['DECIMAL(10,2)', 'DECIMAL(12,1)', 'incompatible'],
    ['UUID', 'BIGINT', 'incompatible'],
  ])('%s → %s is %s', (registered, incoming, expected) => {
    expect(compareTypes(registered, incoming)).toBe(expected);
  });
});
