import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { isUuid } from '@ade/contracts';
import { redisAclRules, type RedisRole } from '@ade/queue';

const USER_NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/** The role `npm run redis:acl -- worker <tenants|all>` or `-- control-plane` asks for; problems name the argument. */
export function redisRoleOf(args: readonly string[]): RedisRole {
  const [kind, tenants] = args;
  if (kind === 'control-plane' && tenants === undefined) return { kind: 'control-plane' };
  if (kind === 'worker' && tenants !== undefined) {
    if (tenants === 'all') return { kind: 'worker', tenants: 'all' };
    const ids = tenants.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
    ids.forEach((id, index) => {
      if (!isUuid(id)) throw new Error(`tenant ${index + 1} is not a tenant id (UUID)`);
    });
    if (ids.length > 0) return { kind: 'worker', tenants: ids };
  }
  throw new Error('usage: redis:acl -- <user> worker <tenantId,...|all> | <user> control-plane');
}

/**
 * Creates or replaces a plane's Redis user with a new random password and the rules of its role,
 * and returns the REDIS_URL it connects with (a secret). Runs on a connection allowed to ACL SETUSER.
 */
export async function setUpRedisUser(admin: Redis, adminUrl: string, user: string, role: RedisRole, prefix: string): Promise<string> {
  if (!USER_NAME.test(user)) throw new Error('the user name must be 1-63 of a-z 0-9 _ -, starting with a letter');
  const password = randomBytes(32).toString('hex');
  await admin.call('ACL', 'SETUSER', user, 'reset', 'on', `>${password}`, ...redisAclRules(prefix, role));
  const url = new URL(adminUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}
