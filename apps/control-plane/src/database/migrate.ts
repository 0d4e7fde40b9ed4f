import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/control-plane.config';
import { applicationRoleOf, grantApplicationRole } from './app-role';
import { dataSourceOptions } from './data-source-options';

/**
 * As the schema owner (DATABASE_MIGRATION_URL): creates the configured schema if needed, applies
 * pending migrations, then grants the application role (DATABASE_URL) its privileges. Returns the
 * names of the migrations applied.
 */
export async function migrateDatabase(config: DatabaseConfig): Promise<string[]> {
  const ownerUrl = config.migrationUrl.reveal();
  const applied = await withClient(ownerUrl, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
    const dataSource = new DataSource(dataSourceOptions(config, ownerUrl));
    await dataSource.initialize();
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  });
  const appRole = applicationRoleOf(config.url.reveal());
  // One URL for both (a bare development setup): nothing to grant; the control plane refuses to start on it.
  if (appRole.name !== applicationRoleOf(ownerUrl).name) {
    await withClient(ownerUrl, (client) => grantApplicationRole(client, config.schema, appRole));
  }
  return applied;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
