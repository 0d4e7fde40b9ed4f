import { describe, expect, it } from 'vitest';
import { catalogHealthSchema } from './catalog-health';

const report = {
  engine: 'databricks',
  catalogName: 'healthcare_data',
  schemas: [{ name: 'silver', present: true }],
  tables: [{ table: 'healthcare_data.silver.claims', rows: 3, lastWriteAt: null, phiColumns: ['member_id', '_birth_date'] }],
  governance: {
    untaggedPhiColumns: ['healthcare_data.silver.claims.member_id'],
    unmaskedPhiColumns: ['healthcare_data.silver.claims.member_id'],
    phiMask: 'stale',
    missingGrants: ['GRANT SELECT ON SCHEMA `gold` TO `analysts`'],
  },
  findings: [{ kind: 'untagged_phi', subject: 'healthcare_data.silver.claims.member_id', message: 'PHI column has no phi tag' }],
};

function problem(value: unknown): string | null {
  const parsed = catalogHealthSchema.safeParse(value);
  return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

describe('catalogHealthSchema', () => {
  it('takes names, counts, times and governance lists', () => {
    expect(catalogHealthSchema.parse(report)).toEqual(report);
    expect(problem({ ...report, governance: { untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'current', missingGrants: [] } })).toBeNull();
    expect(problem({ ...report, governance: { ...report.governance, phiMask: 'fresh' } })).toMatch(/^governance\.phiMask: Invalid option/);
    for (const phiMask of ['current', 'stale', 'missing']) expect(problem({ ...report, governance: { ...report.governance, phiMask } }), phiMask).toBeNull();
  });

  it('takes as PHI columns identifiers only, never something that reads like a value', () => {
    for (const name of ['1 member_id', 'Jane Doe', 'MCD000111 ', '19800115', '']) {
      expect(problem({ ...report, tables: [{ ...report.tables[0], phiColumns: [name] }] }), name).toMatch(/^tables\.0\.phiColumns\.0: Invalid string/);
    }
  });

  it('bounds the governance lists and their entries', () => {
    expect(problem({ ...report, governance: { ...report.governance, missingGrants: ['x'.repeat(601)] } })).toMatch(/^governance\.missingGrants\.0: Too big/);
    expect(problem({ ...report, governance: { ...report.governance, missingGrants: ['x'.repeat(600)] } })).toBeNull();
    expect(problem({ ...report, governance: { ...report.governance, unmaskedPhiColumns: ['x'.repeat(301)] } })).toMatch(/^governance\.unmaskedPhiColumns\.0: Too big/);
    expect(problem({ ...report, governance: { ...report.governance, untaggedPhiColumns: Array(2001).fill('c') } })).toMatch(/^governance\.untaggedPhiColumns: Too big/);
    expect(problem({ ...report, governance: { untaggedPhiColumns: [], phiMask: 'current', missingGrants: [] } })).toMatch(/^governance\.unmaskedPhiColumns: Invalid input/);
    expect(problem({ ...report, governance: { ...report.governance, owner: 'x' } })).toBe('governance: Unrecognized key: "owner"');
  });
});
