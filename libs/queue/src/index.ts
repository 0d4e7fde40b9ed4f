export * from './eviction-policy';
export * from './redis-connection';
export * from './tenant-registry';
export * from './typed-queue';
export * from './canonical-json';
export * from './queue-keyring';
export * from './queue-seal';
export * from './redis-acl';
