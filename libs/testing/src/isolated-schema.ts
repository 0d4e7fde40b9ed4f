import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseUrl } from './environment';

/**
 * A PostgreSQL schema of its own for one test suite, so suites can run side by side against one
 * server. `drop` removes it with everything in it.
 */
export async function createIsolatedSchema(label: string): Promise<{ schema: string; databaseUrl: string; drop: () => Promise<void> }> {
  const schema = `t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await withClient((client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    schema,
    databaseUrl: testDatabaseUrl,
    drop: () => withClient((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  };
}

async function withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
