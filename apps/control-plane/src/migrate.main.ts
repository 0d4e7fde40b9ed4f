import { ConfigError } from '@ade/config';
import { loadDatabaseConfig } from './config/control-plane.config';
import { migrateDatabase } from './database/migrate';

/** `npm run migrate`: needs only the database settings, not the whole control-plane config. */
async function main(): Promise<void> {
  const applied = await migrateDatabase(loadDatabaseConfig(process.env));
  process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : (error as Error).message;
  // 42501 insufficient_privilege: most often the application role was given where the owner is needed.
  const hint =
    (error as { code?: string }).code === '42501'
      ? ' (migrations run as the schema owner: set DATABASE_MIGRATION_URL to the owner and DATABASE_URL to the application role)'
      : '';
  process.stderr.write(`migration failed: ${message}${hint}\n`);
  process.exit(1);
});
