import { DataSource } from 'typeorm';
import { ConfigError } from '@ade/config';
import { loadDatabaseConfig } from './config/control-plane.config';
import { loadSecretsConfig } from './config/secrets.config';
import { dataSourceOptions } from './database/data-source-options';
import { reencryptStoredSecrets } from './secrets/reencrypt-secrets';
import { SecretBox } from './secrets/secret-box';

/**
 * `npm run secrets:rotate`: re-encrypts every stored secret under the first key of SECRETS_KEYS.
 * Needs only DATABASE_URL, DATABASE_SCHEMA and SECRETS_KEYS. Prints counts, never a value.
 */
async function main(): Promise<void> {
  const database = loadDatabaseConfig(process.env);
  const box = new SecretBox(loadSecretsConfig(process.env));
  const dataSource = new DataSource(dataSourceOptions(database));
  await dataSource.initialize();
  try {
    const result = await reencryptStoredSecrets(dataSource, box);
    process.stdout.write(`re-encrypted ${result.reencrypted} secret(s) under key '${box.activeKeyId}'\n`);
    if (result.failed.length > 0) {
      for (const f of result.failed) process.stderr.write(`cannot re-encrypt ${f.table} ${f.id}: ${f.reason}\n`);
      process.stderr.write('keep the old keys in SECRETS_KEYS until every secret is re-encrypted\n');
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`secrets rotation failed: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
