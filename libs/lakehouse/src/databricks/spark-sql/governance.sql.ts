import type { CatalogAccess } from '@ade/contracts';
import { quoteColumnName, quoteIdentifier, schemaTable, sqlString } from './literals';
import { SYSTEM_SCHEMA } from './catalog.sql';

/** The Unity Catalog tag a PHI column carries, so the workspace's own policies and audits can find it. */
export const PHI_TAG = 'phi';

/** The schemas reader groups may read: the judged layers (silver holds the quarantine tables too), never bronze or _system. */
export const READABLE_SCHEMAS = ['silver', 'gold'] as const;

/** The SQL function every masked column is read through (STRING in, STRING out). */
export const PHI_MASK_FUNCTION = 'phi_mask';

/** The columns of the catalog that carry the PHI tag. */
export function phiTaggedColumnsSql(): string {
  return `SELECT schema_name, table_name, column_name FROM information_schema.column_tags WHERE tag_name = ${sqlString(PHI_TAG)}`;
}

export function tagPhiColumnSql(schema: string, table: string, column: string): string {
  return `ALTER TABLE ${schemaTable(schema, table)} ALTER COLUMN ${quoteColumnName(column)} SET TAGS (${sqlString(PHI_TAG)} = 'true')`;
}

/** Who the session runs as: the platform's principal, which the mask always lets through. */
export function currentPrincipalSql(): string {
  return 'SELECT current_user() AS principal';
}

/**
 * The mask: the value for the platform's own principal (whose jobs read and write silver) and for
 * members of a PHI reader group, NULL for anyone else. Replaced on every `ade catalog init`, so a
 * change of groups or of credentials takes effect on every masked column at once.
 */
export function createPhiMaskSql(principal: string, phiReaders: readonly string[]): string {
  const allowed = [`current_user() = ${sqlString(principal)}`, ...phiReaders.map((group) => `is_account_group_member(${sqlString(group)})`)];
  return (
    `CREATE OR REPLACE FUNCTION ${schemaTable(SYSTEM_SCHEMA, PHI_MASK_FUNCTION)}(value STRING) RETURNS STRING ` +
    `RETURN CASE WHEN ${allowed.join(' OR ')} THEN value ELSE NULL END`
  );
}

/** The mask function's body as the workspace keeps it. */
export function phiMaskDefinitionSql(): string {
  return `SELECT routine_definition FROM information_schema.routines WHERE routine_schema = ${sqlString(SYSTEM_SCHEMA)} AND routine_name = ${sqlString(PHI_MASK_FUNCTION)}`;
}

/** Whom a mask body (as createPhiMaskSql writes it) lets see values: principals and account groups. */
export function phiMaskAllowances(definition: string): { principals: string[]; groups: string[] } {
  const literal = `'((?:[^'\\\\]|\\\\[\\s\\S])*)'`;
  const values = (pattern: string) => [...definition.matchAll(new RegExp(pattern, 'gi'))].map((match) => match[1]!.replace(/\\([\s\S])/g, '$1'));
  return { principals: values(`current_user\\(\\)\\s*=\\s*${literal}`), groups: values(`is_account_group_member\\(\\s*${literal}\\s*\\)`) };
}

export function maskedColumnsSql(): string {
  return 'SELECT table_schema, table_name, column_name, mask_schema, mask_name FROM information_schema.column_masks';
}

export function setPhiMaskSql(schema: string, table: string, column: string): string {
  return `ALTER TABLE ${schemaTable(schema, table)} ALTER COLUMN ${quoteColumnName(column)} SET MASK ${schemaTable(SYSTEM_SCHEMA, PHI_MASK_FUNCTION)}`;
}

export function catalogGrantsSql(catalogName: string): string {
  return `SELECT grantee, privilege_type FROM information_schema.catalog_privileges WHERE catalog_name = ${sqlString(catalogName)}`;
}

export function schemaGrantsSql(): string {
  return `SELECT grantee, schema_name, privilege_type FROM information_schema.schema_privileges WHERE schema_name IN (${READABLE_SCHEMAS.map(sqlString).join(', ')})`;
}

/** A privilege one group needs, and the statement that grants it. */
export interface NeededGrant {
  group: string;
  privilege: 'USE CATALOG' | 'USE SCHEMA' | 'SELECT';
  /** null for the catalog itself. */
  schema: string | null;
  sql: string;
}

/** USE CATALOG, and USE SCHEMA and SELECT on silver and gold, for every reader and PHI reader group. */
export function neededGrants(catalogName: string, access: CatalogAccess): NeededGrant[] {
  const groups = [...new Set([...access.readers, ...access.phiReaders])];
  return groups.flatMap((group) => [
    { group, privilege: 'USE CATALOG' as const, schema: null, sql: `GRANT USE CATALOG ON CATALOG ${quoteIdentifier(catalogName)} TO ${quoteGroup(group)}` },
    ...READABLE_SCHEMAS.flatMap((schema) =>
      (['USE SCHEMA', 'SELECT'] as const).map((privilege) => ({ group, privilege, schema, sql: `GRANT ${privilege} ON SCHEMA ${quoteIdentifier(schema)} TO ${quoteGroup(group)}` })),
    ),
  ]);
}

/** A principal in a GRANT: backticked. Group names (WORKSPACE_GROUP) hold no backtick. */
function quoteGroup(group: string): string {
  return `\`${group.replaceAll('`', '``')}\``;
}
