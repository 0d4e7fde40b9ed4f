import { describe, expect, it } from 'vitest';
import { parseJob } from './jobs';
import { exportPath, exportTableName, exportWhere } from './exports';

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe('export requests', () => {
  it('take silver and gold tables (quarantine tables included), never bronze', () => {
    expect(messages(exportPath.safeParse('exports/*.parquet'))).toEqual(['must name one file (no wildcard, no trailing /)']);
    expect(exportTableName.safeParse('healthcare_data.silver.claims').success).toBe(true);
    expect(exportTableName.safeParse('healthcare_data.silver.claims_quarantine').success).toBe(true);
    expect(exportTableName.safeParse('healthcare_data.gold.claims_summary').success).toBe(true);
    expect(messages(exportTableName.safeParse('healthcare_data.bronze.claims'))).toEqual(['schema must be one of silver, gold']);
    expect(messages(exportTableName.safeParse('claims'))).toEqual(['must be catalog.schema.table, each part lower-case letters, digits and underscores']);
  });

  it('write one file below the connector root', () => {
    expect(exportPath.safeParse('exports/2026/claims.parquet').success).toBe(true);
    expect(exportPath.safeParse('exports/*.parquet').success).toBe(false);
    expect(exportPath.safeParse('exports/').success).toBe(false);
    expect(exportPath.safeParse('../other/claims.parquet').success).toBe(false);
    expect(exportPath.safeParse('/etc/claims.parquet').success).toBe(false);
  });

  it('filter rows with one expression of the expectation vocabulary, and nothing that reads elsewhere', () => {
    expect(exportWhere.safeParse("service_date >= DATE '2026-01-01' AND paid_amount > 0").success).toBe(true);
    expect(exportWhere.safeParse("paid_amount > 0 AND state = 'OH'").success).toBe(true);
    expect(exportWhere.safeParse("claim_id IN (SELECT claim_id FROM read_csv('/etc/passwd'))").success).toBe(false);
    expect(exportWhere.safeParse('1=1; DROP TABLE x').success).toBe(false);
  });

  it('travel as a table.export job carrying a connector reference and no credential', () => {
    const data = {
      tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
      exportId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
      catalogName: 'healthcare_data',
      table: 'healthcare_data.gold.claims_summary',
      connectorId: '0b5c2a3e-8f1d-4c7a-9e2b-3d4f5a6b7c8d',
      path: 'exports/summary.parquet',
      format: 'parquet',
      where: null,
    };
    expect(parseJob('table.export', data).data).toEqual({ ...data, engine: 'embedded' });
    expect(() => parseJob('table.export', { ...data, secret: { password: 'p' } })).toThrow(/Unrecognized key: "secret"/);
  });
});
