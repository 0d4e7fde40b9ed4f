import { Client } from 'pg';
import { ConfigError } from '@ade/config';
import { APPEND_ONLY_TABLES } from '../audit/audit-tables';

/** Only migrations touch their bookkeeping table. */
const OWNER_ONLY_TABLES: readonly string[] = ['typeorm_migrations'];

export interface ApplicationRole {
  name: string;
  password: string | null;
}

/** The role named by the application's DATABASE_URL. */
export function applicationRoleOf(databaseUrl: string): ApplicationRole {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.username);
  if (!name) throw new ConfigError(['DATABASE_URL: must name the application role (postgres://ROLE@host/db)']);
  return { name, password: url.password ? decodeURIComponent(url.password) : null };
}

/**
 * Run by the migration command as the schema owner, after the migrations: makes sure the
 * application role exists with no privilege beyond its tables (creating it if missing, for
 * development machines and tests), then grants exactly what the application needs in `schema`.
 * Idempotent; re-running after each migration keeps new tables covered.
 */
export async function grantApplicationRole(owner: Client, schema: string, role: ApplicationRole): Promise<void> {
  const { rows: self } = await owner.query<{ current_user: string }>('SELECT current_user');
  if (self[0]!.current_user === role.name) {
    throw new ConfigError([
      'DATABASE_URL: names the same role as DATABASE_MIGRATION_URL; the application must use its own role, which owns no table (see docs/security.md)',
    ]);
  }
  // Suites and deployments migrating side by side must not race on CREATE ROLE.
  await owner.query(`SELECT pg_advisory_lock(hashtext('ade:application-role'))`);
  try {
    const { rowCount } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
    if (!rowCount) {
      const { rows } = await owner.query<{ sql: string }>(
        role.password === null
          ? `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT', $1::text) AS sql`
          : `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', $1::text, $2::text) AS sql`,
        role.password === null ? [role.name] : [role.name, role.password],
      );
      await owner.query(rows[0]!.sql);
    }
  } finally {
    await owner.query(`SELECT pg_advisory_unlock(hashtext('ade:application-role'))`);
  }
  const quotedRole = await quoteIdent(owner, role.name);
  const quotedSchema = await quoteIdent(owner, schema);
  await owner.query(`GRANT USAGE ON SCHEMA ${quotedSchema} TO ${quotedRole}`);
  const { rows: tables } = await owner.query<{ name: string }>('SELECT tablename AS name FROM pg_tables WHERE schemaname = $1', [schema]);
  for (const { name } of tables) {
    const table = `${quotedSchema}.${await quoteIdent(owner, name)}`;
    await owner.query(`REVOKE ALL ON ${table} FROM ${quotedRole}`);
    if (OWNER_ONLY_TABLES.includes(name)) continue;
    const privileges = APPEND_ONLY_TABLES.includes(name) ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
    await owner.query(`GRANT ${privileges} ON ${table} TO ${quotedRole}`);
  }
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quotedSchema} TO ${quotedRole}`);
  await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${quotedSchema} TO ${quotedRole}`);
}

async function quoteIdent(client: Client, name: string): Promise<string> {
  const { rows } = await client.query<{ q: string }>('SELECT quote_ident($1) AS q', [name]);
  return rows[0]!.q;
}

/**
 * Refuses to start on a role that row-level security would not hold: a superuser, a BYPASSRLS
 * role, or the owner of a table in the schema (or a member of the owner's role).
 */
export async function assertApplicationRole(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owned: string }>(
      `SELECT r.rolname AS role, r.rolsuper, r.rolbypassrls,
              (SELECT count(*) FROM pg_tables t WHERE t.schemaname = $1 AND pg_has_role(current_user, t.tableowner, 'MEMBER')) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
      [schema],
    );
    const role = rows[0]!;
    const problem = role.rolsuper
      ? 'is a superuser'
      : role.rolbypassrls
        ? 'has BYPASSRLS'
        : Number(role.owned) > 0
          ? `owns tables in schema ${schema}`
          : null;
    if (problem) {
      throw new ConfigError([
        `DATABASE_URL: the application role ${problem}, so row-level security would not hold; connect as the application role that \`npm run migrate\` grants (see docs/security.md)`,
      ]);
    }
  } finally {
    await client.end();
  }
}
