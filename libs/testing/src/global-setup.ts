import { existsSync } from 'node:fs';
import { Client } from 'pg';
import Redis from 'ioredis';
import { testDatabaseUrl, testRedisUrl } from './environment';

/**
 * Fails the whole run at once, with what to do, when PostgreSQL or Redis is not reachable or
 * OpenSSH's server (which the SFTP suites start) is not installed, instead of every integration
 * suite failing on its own.
 */
export default async function checkServices(): Promise<void> {
  if (!existsSync('/usr/sbin/sshd')) {
    throw new Error('OpenSSH\'s server (/usr/sbin/sshd) is not installed; the SFTP suites start one. Run `npm run services` (installs it as root on Debian) or apt-get install openssh-server.');
  }
  const pg = new Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('select 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${redactUrl(testDatabaseUrl)} (${(error as Error).message}). ` +
        'Start it (bash scripts/ensure-services.sh) or set TEST_DATABASE_URL.',
    );
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${testRedisUrl} (${(error as Error).message}). ` +
        'Start it (bash scripts/ensure-services.sh) or set TEST_REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
