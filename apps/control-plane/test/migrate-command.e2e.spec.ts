import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsolatedSchema, testAppDatabaseUrl, testDatabaseUrl } from '@ade/testing';

const ENTRY = resolve(__dirname, '../../../dist/apps/control-plane/src/migrate.main.js');

async function migrate(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [ENTRY], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `npm run migrate` as a user runs it (the built command), on a schema of its own. */
describe('the migrate command', () => {
  let schema: Awaited<ReturnType<typeof createIsolatedSchema>>;
  let owner: Client;

  beforeAll(async () => {
    schema = await createIsolatedSchema('migrate_cmd');
    owner = new Client({ connectionString: testDatabaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await schema?.drop();
  });

  it('names the missing variable', async () => {
    const result = await migrate({ DATABASE_SCHEMA: schema.schema });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('says to use the owner when given only the application role', async () => {
    const result = await migrate({ DATABASE_URL: testAppDatabaseUrl, DATABASE_SCHEMA: schema.schema });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/migration failed: .*set DATABASE_MIGRATION_URL to the owner/);
  });

  it('migrates as the owner and grants the application role exactly its privileges, once', async () => {
    const env = { DATABASE_URL: testAppDatabaseUrl, DATABASE_MIGRATION_URL: testDatabaseUrl, DATABASE_SCHEMA: schema.schema };
    const first = await migrate(env);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^applied migrations: InitialSchema/) });
    expect(await migrate(env)).toMatchObject({ code: 0, stdout: 'database is up to date\n' });

    const { rows } = await owner.query<{ table_name: string; privileges: string }>(
      `SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
       FROM information_schema.role_table_grants WHERE grantee = 'ade_app' AND table_schema = $1 GROUP BY table_name`,
      [schema.schema],
    );
    const granted = Object.fromEntries(rows.map((row) => [row.table_name, row.privileges]));
    expect(granted['pipelines']).toBe('DELETE,INSERT,SELECT,UPDATE');
    expect(granted['audit_events']).toBe('INSERT,SELECT');
    expect(granted['typeorm_migrations']).toBeUndefined();
  });
});
