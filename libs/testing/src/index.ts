export * from './environment';
export * from './eventually';
export * from './isolated-schema';
export * from './queue-prefix';
export * from './temp-dir';
export * from './private-redis';
export * from './config-problems';
export * from './tcp-proxy';
