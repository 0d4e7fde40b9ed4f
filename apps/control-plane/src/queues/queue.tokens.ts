/** The control plane's own Redis client for non-blocking commands (registry, health). */
export const PRODUCER_REDIS = Symbol('ProducerRedis');
