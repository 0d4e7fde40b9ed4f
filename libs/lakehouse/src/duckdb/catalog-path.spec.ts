import { describe, expect, it } from 'vitest';
import { ContractViolation } from '@ade/contracts';
import { catalogFilePath } from './catalog-path';

const tenantId = '0b6f8f5e-3c1a-4d2b-9e8f-7a6b5c4d3e2f';

describe('catalogFilePath', () => {
  it('puts each tenant catalog in its own file under the tenant directory', () => {
    expect(catalogFilePath('/srv/ade', { tenantId, catalogName: 'healthcare_data' })).toBe(
      `/srv/ade/tenants/${tenantId}/healthcare_data.duckdb`,
    );
  });

  it.each([
    ['a tenant id that is a path', { tenantId: '../other', catalogName: 'healthcare_data' }],
    ['an upper-case tenant id', { tenantId: tenantId.toUpperCase(), catalogName: 'healthcare_data' }],
    ['a catalog name with a slash', { tenantId, catalogName: '../x' }],
    ['a catalog name that is not an identifier', { tenantId, catalogName: 'Healthcare Data' }],
    ["DuckDB's in-memory database", { tenantId, catalogName: 'memory' }],
    ["DuckDB's system database", { tenantId, catalogName: 'system' }],
  ])('refuses %s', (_label, locator) => {
    expect(() => catalogFilePath('/srv/ade', locator)).toThrow(ContractViolation);
  });
});
