import { ConfigError } from '@ade/config';
import { loadDatabaseConfig } from './config/control-plane.config';
import { migrateDatabase } from './database/migrate';

/** `npm run migrate`: needs only the database settings, not the whole control-plane config. */
async function main(): Promise<void> {
  const applied = await migrateDatabase(loadDatabaseConfig(process.env));
  process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
