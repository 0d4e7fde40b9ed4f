export * from './bronze.sql';
export * from './catalog.sql';
export * from './export.sql';
export * from './literals';
export * from './source.sql';
export * from './system-tables.sql';
export * from './table.sql';
export * from './value-fit.sql';
