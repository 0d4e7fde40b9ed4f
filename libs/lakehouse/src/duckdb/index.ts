export * from './catalog-path';
export * from './duckdb-lakehouse';
export * from './duckdb-tenant-catalog';
export * as duckdbSql from './sql';
export * from './engine-error';
