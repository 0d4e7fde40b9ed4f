import { z } from 'zod';
import { envUrl } from './env';

/** Settings both planes read: where the queues live. */
export const queueEnvSchema = z.object({
  REDIS_URL: envUrl(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, dashes or underscores')
    .default('ade'),
});

export class QueueConfig {
  constructor(
    readonly redisUrl: string,
    readonly prefix: string,
  ) {}

  static fromEnv(env: z.infer<typeof queueEnvSchema>): QueueConfig {
    return new QueueConfig(env.REDIS_URL, env.QUEUE_PREFIX);
  }
}
