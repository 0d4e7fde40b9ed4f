export * from './layout';
export * from './layout-error';
export * from './load-layouts';
export * from './recognize-layout';
export * from './mapping-file';
