export * from './errors';
export * from './lakehouse.port';
export * from './schema-fingerprint';
export * from './duckdb';
export * from './databricks';
