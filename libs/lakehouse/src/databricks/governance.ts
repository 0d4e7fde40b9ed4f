import type { CatalogAccess } from '@ade/contracts';
import type { CatalogGovernance, GovernedColumns } from '../lakehouse.port';
import {
  catalogColumnsSql,
  catalogGrantsSql,
  createPhiMaskSql,
  currentPrincipalSql,
  maskedColumnsSql,
  neededGrants,
  phiMaskAllowances,
  phiMaskDefinitionSql,
  phiTaggedColumnsSql,
  PHI_MASK_FUNCTION,
  READABLE_SCHEMAS,
  schemaGrantsSql,
  setPhiMaskSql,
  SYSTEM_SCHEMA,
  tagPhiColumnSql,
} from './spark-sql';
import type { StatementRunner } from './statement-runner';

interface CatalogColumn {
  schema: string;
  table: string;
  column: string;
  type: string;
}

/**
 * The catalog's governance on Unity Catalog, checked and, with `apply`, put right: every PHI column
 * (any table but the platform's own) tagged `phi`; every member identifier and name column of
 * silver and gold read through the PHI mask; the reader groups granted what they need to read
 * silver and gold. Returns what is still missing (after applying: nothing, barring a failure,
 * which throws). Names only, never a value.
 */
export async function governCatalog(runner: StatementRunner, catalogName: string, access: CatalogAccess, columns: GovernedColumns, apply: boolean): Promise<CatalogGovernance> {
  const catalogColumns = (await runner.rows(catalogColumnsSql())).map(
    (row): CatalogColumn => ({ schema: String(row['table_schema']), table: String(row['table_name']), column: String(row['column_name']), type: String(row['data_type']).toUpperCase() }),
  );
  const untagged = await untaggedPhiColumns(runner, catalogColumns, columns.phi);
  const unmasked = await unmaskedColumns(runner, catalogColumns, columns.masked);
  const missing = await missingGrants(runner, catalogName, access);
  const [who] = await runner.rows(currentPrincipalSql());
  const principal = String(who?.['principal']);
  if (!apply) {
    const named = (c: CatalogColumn) => `${catalogName}.${c.schema}.${c.table}.${c.column}`;
    return { untaggedPhiColumns: untagged.map(named), unmaskedPhiColumns: unmasked.map(named), phiMask: await phiMaskState(runner, principal, access), missingGrants: missing };
  }
  for (const c of untagged) await runner.rows(tagPhiColumnSql(c.schema, c.table, c.column));
  // Replaced even when every column is masked: the groups or the platform's principal may have changed.
  await runner.rows(createPhiMaskSql(principal, access.phiReaders));
  for (const c of unmasked) await runner.rows(setPhiMaskSql(c.schema, c.table, c.column));
  for (const grant of missing) await runner.rows(grant);
  return { untaggedPhiColumns: [], unmaskedPhiColumns: [], phiMask: 'current', missingGrants: [] };
}

/**
 * Whether the mask lets through exactly who it should: the principal this session runs as and
 * the PHI reader groups. Anyone more sees PHI it should not; anyone less (the platform's own
 * principal, after new credentials) reads NULLs where silver has values.
 */
async function phiMaskState(runner: StatementRunner, principal: string, access: CatalogAccess): Promise<CatalogGovernance['phiMask']> {
  const [row] = await runner.rows(phiMaskDefinitionSql());
  if (!row) return 'missing';
  const allowed = phiMaskAllowances(String(row['routine_definition']));
  const same = (a: readonly string[], b: readonly string[]) => JSON.stringify([...new Set(a)].sort()) === JSON.stringify([...new Set(b)].sort());
  return same(allowed.principals, [principal]) && same(allowed.groups, access.phiReaders) ? 'current' : 'stale';
}

const key = (schema: unknown, table: unknown, column: unknown) => `${String(schema)}.${String(table)}.${String(column).toLowerCase()}`;

async function untaggedPhiColumns(runner: StatementRunner, catalogColumns: readonly CatalogColumn[], phi: ReadonlySet<string>): Promise<CatalogColumn[]> {
  const tagged = new Set((await runner.rows(phiTaggedColumnsSql())).map((row) => key(row['schema_name'], row['table_name'], row['column_name'])));
  return catalogColumns.filter((c) => c.schema !== SYSTEM_SCHEMA && phi.has(c.column.toLowerCase()) && !tagged.has(key(c.schema, c.table, c.column)));
}

/** Masked-name STRING columns of silver and gold not read through the platform's PHI mask. */
async function unmaskedColumns(runner: StatementRunner, catalogColumns: readonly CatalogColumn[], masked: ReadonlySet<string>): Promise<CatalogColumn[]> {
  const maskedNow = new Set(
    (await runner.rows(maskedColumnsSql()))
      .filter((row) => row['mask_schema'] === SYSTEM_SCHEMA && row['mask_name'] === PHI_MASK_FUNCTION)
      .map((row) => key(row['table_schema'], row['table_name'], row['column_name'])),
  );
  const readable: ReadonlySet<string> = new Set(READABLE_SCHEMAS);
  return catalogColumns.filter(
    (c) => readable.has(c.schema) && c.type === 'STRING' && masked.has(c.column.toLowerCase()) && !maskedNow.has(key(c.schema, c.table, c.column)),
  );
}

/** The GRANT statements the reader groups still need; ALL PRIVILEGES counts for any privilege. */
async function missingGrants(runner: StatementRunner, catalogName: string, access: CatalogAccess): Promise<string[]> {
  const needed = neededGrants(catalogName, access);
  if (needed.length === 0) return [];
  const held = new Set<string>();
  const hold = (group: unknown, schema: string | null, privilege: unknown) => held.add(`${String(group)}|${schema ?? ''}|${String(privilege).toUpperCase()}`);
  for (const row of await runner.rows(catalogGrantsSql(catalogName))) hold(row['grantee'], null, row['privilege_type']);
  for (const row of await runner.rows(schemaGrantsSql())) hold(row['grantee'], String(row['schema_name']), row['privilege_type']);
  const has = (group: string, schema: string | null, privilege: string) => held.has(`${group}|${schema ?? ''}|${privilege}`);
  return needed
    .filter((grant) => !has(grant.group, grant.schema, grant.privilege) && !has(grant.group, grant.schema, 'ALL PRIVILEGES'))
    .map((grant) => grant.sql);
}
