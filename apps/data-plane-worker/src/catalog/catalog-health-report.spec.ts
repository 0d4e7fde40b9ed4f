import { describe, expect, it } from 'vitest';
import { catalogHealthSchema } from '@ade/contracts';
import { catalogHealthReport, GOVERNED_COLUMNS } from './catalog-health-report';

const at = new Date('2026-12-02T10:00:00Z');
const ref = (schema: string, table: string) => ({ catalog: 'healthcare_data', schema, table });

describe('GOVERNED_COLUMNS', () => {
  it('masks member identifiers and names, each of them a PHI column of some canonical schema', () => {
    for (const name of GOVERNED_COLUMNS.masked) expect(GOVERNED_COLUMNS.phi.has(name), name).toBe(true);
    expect([...GOVERNED_COLUMNS.masked]).toEqual(expect.arrayContaining(['member_id', 'mbi', 'social_security_number', 'patient_last_name', 'first_name']));
    // Dates and amounts are tagged PHI but stay readable: only who the member is gets masked.
    expect(GOVERNED_COLUMNS.masked.has('patient_birth_date')).toBe(false);
    expect(GOVERNED_COLUMNS.phi.has('patient_birth_date')).toBe(true);
  });
});

describe('catalogHealthReport', () => {
  it('reports each table with its rows, last write and the columns a canonical schema marks as PHI', () => {
    const report = catalogHealthReport('healthcare_data', 'duckdb', {
      schemas: ['_system', 'bronze', 'gold', 'silver'],
      tables: [
        { table: ref('silver', 'professional_claims'), columns: ['claim_id', 'claim_line_number', 'member_id', 'billing_npi', 'paid_amount', 'patient_birth_date'], rows: 12, lastWriteAt: at },
        { table: ref('silver', 'remittance'), columns: ['payment_trace_number', 'payer_claim_control_number', 'claim_paid_amount'], rows: 5, lastWriteAt: null },
        { table: ref('_system', 'lineage'), columns: ['run_id', 'target'], rows: 3, lastWriteAt: null },
      ],
    });
    expect(catalogHealthSchema.parse(report)).toEqual(report);
    expect(report).toEqual({
      engine: 'embedded',
      catalogName: 'healthcare_data',
      schemas: [
        { name: 'bronze', present: true },
        { name: 'silver', present: true },
        { name: 'gold', present: true },
        { name: '_system', present: true },
      ],
      tables: [
        { table: 'healthcare_data.silver.professional_claims', rows: 12, lastWriteAt: '2026-12-02T10:00:00.000Z', phiColumns: ['claim_id', 'member_id', 'patient_birth_date'] },
        { table: 'healthcare_data.silver.remittance', rows: 5, lastWriteAt: null, phiColumns: ['payer_claim_control_number'] },
        { table: 'healthcare_data._system.lineage', rows: 3, lastWriteAt: null, phiColumns: [] },
      ],
      governance: null,
      findings: [],
    });
  });

  it('finds a missing schema and says how to restore it', () => {
    const report = catalogHealthReport('healthcare_data', 'duckdb', { schemas: ['_system', 'bronze', 'silver'], tables: [] });
    expect(report.schemas.find((s) => s.name === 'gold')).toEqual({ name: 'gold', present: false });
    expect(report.findings).toEqual([{ kind: 'missing_schema', subject: 'healthcare_data.gold', message: 'schema gold is missing: run ade catalog init to create it' }]);
  });

  it('reports an engine with governance (Unity Catalog): each untagged PHI column, unmasked identifier and missing grant is a finding, validated by the contract', () => {
    const governance = {
      untaggedPhiColumns: ['healthcare_data.silver.claims.member_id'],
      unmaskedPhiColumns: ['healthcare_data.gold.members.last_name'],
      phiMask: 'stale' as const,
      missingGrants: ['GRANT SELECT ON SCHEMA `gold` TO `payer analysts`'],
    };
    const report = catalogHealthReport('healthcare_data', 'databricks', { schemas: ['_system', 'bronze', 'silver', 'gold'], tables: [] }, governance);
    expect(report).toMatchObject({ engine: 'databricks', governance });
    expect(report.findings).toEqual([
      { kind: 'untagged_phi', subject: 'healthcare_data.silver.claims.member_id', message: "PHI column without the 'phi' tag: run ade catalog init to tag it" },
      { kind: 'unmasked_phi', subject: 'healthcare_data.gold.members.last_name', message: 'member identifier or name readable without PHI access: run ade catalog init to mask it' },
      {
        kind: 'stale_phi_mask',
        subject: 'healthcare_data._system.phi_mask',
        message: "the PHI mask lets through others than the platform's principal and the PHI reader groups: run ade catalog init to replace it",
      },
      {
        kind: 'missing_grant',
        subject: 'GRANT SELECT ON SCHEMA `gold` TO `payer analysts`',
        message: "a reader group of the tenant's engine settings lacks this grant: run ade catalog init to grant it",
      },
    ]);
    expect(catalogHealthSchema.parse(report)).toEqual(report);
  });

  it('names a missing PHI mask, and says nothing of a current one', () => {
    const governance = { untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'missing' as const, missingGrants: [] };
    const inventory = { schemas: ['_system', 'bronze', 'silver', 'gold'], tables: [] };
    expect(catalogHealthReport('healthcare_data', 'databricks', inventory, governance).findings).toEqual([
      { kind: 'stale_phi_mask', subject: 'healthcare_data._system.phi_mask', message: 'the PHI mask function is missing: run ade catalog init to create it' },
    ]);
    expect(catalogHealthReport('healthcare_data', 'databricks', inventory, { ...governance, phiMask: 'current' }).findings).toEqual([]);
  });
});
