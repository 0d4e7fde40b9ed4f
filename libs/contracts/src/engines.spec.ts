import { describe, expect, it } from 'vitest';
import { catalogEngineRequestSchema, engineCredentialsRequestSchema, engineCredentialsSchema, groupNamesOf } from './engines';

const warehouse = { kind: 'databricks', host: 'https://dbc-1234abcd-5678.cloud.databricks.com', httpPath: '/sql/1.0/warehouses/0123456789abcdef' } as const;
const noAccess = { access: { readers: [], phiReaders: [] } };

function issuesOf(value: unknown): string[] {
  const result = catalogEngineRequestSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('catalogEngineRequestSchema', () => {
  it('takes the embedded engine, or a workspace with a token or an OAuth service principal', () => {
    expect(catalogEngineRequestSchema.parse({ kind: 'embedded' })).toEqual({ kind: 'embedded' });
    expect(catalogEngineRequestSchema.parse({ ...warehouse, credentials: { token: 'dapi0123456789' } })).toEqual({ ...warehouse, credentials: { token: 'dapi0123456789' }, ...noAccess });
    const cluster = { ...warehouse, httpPath: 'sql/protocolv1/o/1234567890123456/0123-456789-abcdefgh', credentials: { clientId: 'sp-1', clientSecret: 'dose0123456789' } };
    expect(catalogEngineRequestSchema.parse(cluster)).toEqual({ ...cluster, ...noAccess });
  });

  it('keeps the workspace URL to its origin and refuses plain http, paths and user parts', () => {
    expect(catalogEngineRequestSchema.parse({ ...warehouse, host: 'https://dbc-1234abcd-5678.cloud.databricks.com/', credentials: { token: 'dapi0123456789' } })).toMatchObject({
      host: 'https://dbc-1234abcd-5678.cloud.databricks.com',
    });
    expect(issuesOf({ ...warehouse, host: 'http://dbc.cloud.databricks.com', credentials: { token: 'dapi0123456789' } })).toEqual(['host: must be the workspace URL, https://...']);
    expect(issuesOf({ ...warehouse, host: 'https://dbc.cloud.databricks.com/sql', credentials: { token: 'dapi0123456789' } })).toEqual([
      'host: must be the workspace URL alone, without a path, query or user',
    ]);
    expect(issuesOf({ ...warehouse, host: 'https://me@dbc.cloud.databricks.com', credentials: { token: 'dapi0123456789' } })).toHaveLength(1);
    for (const host of ['xhttps://dbc.cloud.databricks.com', 'httpsx://dbc.cloud.databricks.com']) {
      expect(issuesOf({ ...warehouse, host, credentials: { token: 'dapi0123456789' } })).toContain('host: must be the workspace URL, https://...');
    }
  });

  it('refuses an HTTP path that is neither a warehouse nor a cluster, missing credentials and smuggled fields', () => {
    expect(issuesOf({ ...warehouse, httpPath: '/sql/1.0/endpoints/xyz', credentials: { token: 'dapi0123456789' } })).toEqual([
      'httpPath: must be a SQL warehouse path (/sql/1.0/warehouses/<id>) or a cluster path (sql/protocolv1/o/<workspace id>/<cluster id>)',
    ]);
    for (const httpPath of ['x/sql/1.0/warehouses/0123456789abcdef', '/sql/1.0/warehouses/0123456789abcdef/x', 'sql/protocolv1/o/123/0123-456789-abcdefgh?x']) {
      expect(issuesOf({ ...warehouse, httpPath, credentials: { token: 'dapi0123456789' } })).toHaveLength(1);
    }
    expect(issuesOf(warehouse)).toEqual(['credentials: Invalid input']);
    expect(issuesOf({ ...warehouse, credentials: { token: 'short' } })).toHaveLength(1);
    expect(issuesOf({ kind: 'embedded', host: warehouse.host })).toEqual([': Unrecognized key: "host"']);
  });

  it('takes reader and PHI reader groups by their account group names, and refuses a name that could leave its quotes', () => {
    const access = { readers: ['payer analysts', 'bi.team@payer'], phiReaders: ['care-management+phi'] };
    expect(catalogEngineRequestSchema.parse({ ...warehouse, credentials: { token: 'dapi0123456789' }, access })).toMatchObject({ access });
    const parsedAccess = (given: object) => (catalogEngineRequestSchema.parse({ ...warehouse, credentials: { token: 'dapi0123456789' }, access: given }) as { access: unknown }).access;
    expect(parsedAccess({ readers: ['a'] })).toEqual({ readers: ['a'], phiReaders: [] });
    expect(parsedAccess({ phiReaders: ['p'] })).toEqual({ readers: [], phiReaders: ['p'] });
    for (const group of ['x`; DROP CATALOG c; --', "o'brien", ' leading space', '', 'a'.repeat(256), 'tab\tname']) {
      expect(issuesOf({ ...warehouse, credentials: { token: 'dapi0123456789' }, access: { readers: [group] } }), group).toEqual([
        'access.readers.0: must be an account group name: letters, digits, spaces and _ . @ + -',
      ]);
    }
    expect(issuesOf({ ...warehouse, credentials: { token: 'dapi0123456789' }, access: { readers: Array(51).fill('g') } })).toHaveLength(1);
    expect(issuesOf({ ...warehouse, credentials: { token: 'dapi0123456789' }, access: { owners: ['g'] } })).toEqual(['access: Unrecognized key: "owners"']);
  });
});

describe('groupNamesOf', () => {
  it('splits a comma-separated list, trimming each name and dropping blanks', () => {
    expect(groupNamesOf(' payer analysts, bi.team@payer ,, ')).toEqual(['payer analysts', 'bi.team@payer']);
    expect(groupNamesOf('one')).toEqual(['one']);
    expect(groupNamesOf('')).toEqual([]);
    expect(groupNamesOf(undefined)).toEqual([]);
  });
});

describe('engineCredentialsSchema', () => {
  it('is what a worker gets: the tenant, the workspace and its credentials', () => {
    const released = { tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', ...warehouse, credentials: { token: 'dapi0123456789' } };
    // Engines stored before reader groups existed have none.
    expect(engineCredentialsSchema.parse(released)).toEqual({ ...released, ...noAccess });
    const withGroups = { ...released, access: { readers: ['payer analysts'], phiReaders: ['phi readers'] } };
    expect(engineCredentialsSchema.parse(withGroups)).toEqual(withGroups);
    expect(engineCredentialsSchema.safeParse({ ...released, kind: 'embedded' }).success).toBe(false);
  });
});

describe('engineCredentialsRequestSchema', () => {
  it('names the tenant, and nothing else', () => {
    const tenantId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(engineCredentialsRequestSchema.parse({ tenantId })).toEqual({ tenantId });
    expect(engineCredentialsRequestSchema.safeParse({ tenantId: 'nope' }).success).toBe(false);
    expect(engineCredentialsRequestSchema.safeParse({ tenantId, token: 'x' }).success).toBe(false);
  });
});
