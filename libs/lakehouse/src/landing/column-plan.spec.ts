import { describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import type { ColumnPlan } from '../lakehouse.port';
import { schemaFingerprint } from '../schema-fingerprint';
import { assertPlanFitsFile } from './column-plan';

const columns = [
  { name: 'claim_id', type: 'VARCHAR' },
  { name: 'billing_npi', type: 'BIGINT' },
];
const plan: ColumnPlan = {
  land: [
    { source: 'claim_id', column: 'claim_id', type: 'VARCHAR' },
    { source: 'Billing Provider NPI', column: 'billing_npi', type: 'BIGINT' },
  ],
  add: [],
  rescue: ['plan_code'],
  ignore: ['notes'],
  schema: { fingerprint: schemaFingerprint(columns), columns },
};
const headers = ['claim_id', 'Billing Provider NPI', 'plan_code', 'notes'];

const violation = (changed: Partial<ColumnPlan>, fileHeaders = headers) => {
  try {
    assertPlanFitsFile({ ...plan, ...changed }, fileHeaders, 'b.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(ContractViolation);
    return (error as Error).message;
  }
  throw new Error('expected a ContractViolation');
};

describe('assertPlanFitsFile', () => {
  it('accepts a plan that places every header once', () => {
    expect(() => assertPlanFitsFile(plan, headers, 'b.csv')).not.toThrow();
  });

  it('refuses a plan that does not cover exactly the file headers', () => {
    expect(violation({}, [...headers, 'fax'])).toBe("column plan for 'b.csv' leaves file columns unplanned: 'fax'");
    expect(violation({}, headers.slice(0, 3))).toMatch(/names columns the file lacks: 'notes'/);
    expect(violation({ ignore: ['notes', 'plan_code'] })).toMatch(/plans file columns twice: 'plan_code'/);
  });

  it('refuses a plan whose columns fall outside its schema or collide', () => {
    expect(violation({ add: [{ column: 'plan_code' }] })).toMatch(/outside its schema: 'plan_code'/);
    const twice = [plan.land[0]!, { source: 'Billing Provider NPI', column: 'CLAIM_ID', type: 'VARCHAR' }];
    expect(violation({ land: twice })).toMatch(/two file columns into one column: 'CLAIM_ID'/);
  });

  it('refuses metadata names, the rescued-data path key, bad types and a wrong fingerprint', () => {
    const reserved = [...columns, { name: '_run_id', type: 'VARCHAR' }];
    expect(violation({ schema: { fingerprint: schemaFingerprint(reserved), columns: reserved } })).toMatch(/reserved for ingest metadata: '_run_id'/);
    expect(violation({ rescue: ['_file_path', 'plan_code'] }, [...headers, '_file_path'])).toMatch(/rescued-data key/);
    expect(violation({ land: [plan.land[0]!, { ...plan.land[1]!, type: 'BIGINT); DROP' }] })).toMatch(/logical type/);
    expect(violation({ schema: { ...plan.schema, fingerprint: 'ab'.repeat(32) } })).toMatch(/fingerprint/);
  });
});
