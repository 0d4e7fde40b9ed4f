import { ConfigError, QueueConfig, queueEnvSchema, readEnv } from '@ade/config';
import { createRedis, redisReady } from '@ade/queue';
import { redisRoleOf, setUpRedisUser } from './queues/redis-user';

/**
 * `npm run redis:acl -- <user> worker <tenantId,...|all>` or `-- <user> control-plane`: gives a
 * plane its own Redis user, limited to the keys its role needs (docs/security.md), with a new
 * random password, and prints the REDIS_URL to start it with. REDIS_URL names an account allowed
 * to run ACL SETUSER; QUEUE_PREFIX the planes' prefix. Run it again to rotate the password.
 */
async function main(): Promise<void> {
  const queue = QueueConfig.fromEnv(readEnv(queueEnvSchema, process.env));
  const [user = '', ...rest] = process.argv.slice(2);
  const role = redisRoleOf(rest);
  const admin = createRedis(queue.redisUrl, 'producer');
  try {
    await redisReady(admin);
    const url = await setUpRedisUser(admin, queue.redisUrl, user, role, queue.prefix);
    process.stdout.write(`REDIS_URL=${url}\n`);
    process.stderr.write(`user '${user}' set up; with an aclfile, persist it with ACL SAVE\n`);
  } finally {
    admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`redis:acl: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
