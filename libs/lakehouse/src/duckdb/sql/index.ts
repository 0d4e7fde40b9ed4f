export * from './bronze.sql';
export * from './catalog.sql';
export * from './checkpoint.sql';
export * from './literals';
export * from './session.sql';
export * from './source.sql';
export * from './table.sql';
