export * from './icd10cm-calendar';
export * from './reference-tables';
export * from './load-duckdb';
