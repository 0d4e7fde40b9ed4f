import 'reflect-metadata';
import { ConfigError } from '@ade/config';
import { RedisPolicyError } from '@ade/queue';
import { loadControlPlaneConfig } from './config/control-plane.config';
import { createControlPlaneApp } from './create-app';

async function main(): Promise<void> {
  const config = loadControlPlaneConfig(process.env);
  const app = await createControlPlaneApp(config);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`${JSON.stringify({ level: 'log', context: 'main', message: 'control plane listening', port: address.port })}\n`);
}

main().catch((error: unknown) => {
  // Configuration and infrastructure problems get their message alone: a stack trace would bury it.
  const known = error instanceof ConfigError || error instanceof RedisPolicyError;
  process.stderr.write(`control plane failed to start: ${known ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
