export * from './errors';
export * from './lakehouse.port';
export * from './duckdb';
