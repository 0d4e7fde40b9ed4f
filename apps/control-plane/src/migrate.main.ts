import { ConfigError, readEnv, envUrl, Secret } from '@ade/config';
import { sqlIdentifier } from '@ade/contracts';
import { z } from 'zod';
import { DatabaseConfig } from './config/control-plane.config';
import { migrateDatabase } from './database/migrate';

const envSchema = z.object({
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATABASE_SCHEMA: sqlIdentifier.default('public'),
});

/** `npm run migrate`: needs only the database settings, not the whole control-plane config. */
async function main(): Promise<void> {
  const env = readEnv(envSchema, process.env);
  const applied = await migrateDatabase(new DatabaseConfig(new Secret(env.DATABASE_URL), env.DATABASE_SCHEMA));
  process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
