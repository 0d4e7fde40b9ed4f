import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/control-plane.config';
import { dataSourceOptions } from './data-source-options';

/** Creates the configured schema if needed and applies pending migrations. Returns their names. */
export async function migrateDatabase(config: DatabaseConfig): Promise<string[]> {
  const client = new Client({ connectionString: config.url.reveal() });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
  } finally {
    await client.end();
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
