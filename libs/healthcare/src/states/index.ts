export * from './state-pack';
export * from './state-pack-error';
export * from './state-packs-dir';
export * from './portable-pattern';
export * from './load-state-pack';
