export * from './databricks-connection';
export * from './databricks-lakehouse';
export * from './databricks-tenant-catalog';
export * from './driver-error';
export type * from './sql-driver';
export * as databricksSql from './spark-sql';
