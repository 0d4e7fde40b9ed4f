export * from './eviction-policy';
export * from './redis-connection';
export * from './tenant-registry';
export * from './typed-queue';
