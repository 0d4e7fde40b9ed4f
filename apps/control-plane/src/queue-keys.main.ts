import { z } from 'zod';
import { ConfigError, envKeyRing, readEnv } from '@ade/config';
import { tenantKeysLine } from './queues/tenant-keys-line';

/**
 * `npm run queue-keys -- <tenantId>[,<tenantId>...]`: prints the WORKER_TENANT_KEYS line of a
 * dedicated worker serving those tenants, derived from QUEUE_SIGNING_KEYS (every key of the ring,
 * in its order, so the worker opens jobs sealed under either key during a rotation). The line is
 * a secret: put it in the worker's secret store, never in a file in the repository.
 */
function main(): void {
  const { QUEUE_SIGNING_KEYS: ring } = readEnv(z.object({ QUEUE_SIGNING_KEYS: envKeyRing }), process.env);
  const tenants = process.argv.slice(2).join(',').split(',').map((t) => t.trim()).filter(Boolean);
  process.stdout.write(`${tenantKeysLine(ring, tenants)}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`queue-keys: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
}
