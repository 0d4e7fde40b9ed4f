export * from './state-pack';
export * from './state-pack-error';
export * from './state-packs-dir';
export * from './load-state-pack';
