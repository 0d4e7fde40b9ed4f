import { quoteIdentifier, sqlString } from './literals';

export const SYSTEM_SCHEMA = '_system';
export const CATALOG_SCHEMAS = ['bronze', 'silver', 'gold', SYSTEM_SCHEMA] as const;

export function attachCatalogSql(filePath: string, catalogName: string): string {
  return `ATTACH IF NOT EXISTS ${sqlString(filePath)} AS ${quoteIdentifier(catalogName)}`;
}

export function detachCatalogSql(catalogName: string): string {
  return `DETACH DATABASE IF EXISTS ${quoteIdentifier(catalogName)}`;
}

/** The catalog layout; every statement is idempotent so `open()` can run it on old catalogs too. */
export function provisionSql(catalogName: string): string[] {
  const catalog = quoteIdentifier(catalogName);
  const system = `${catalog}.${quoteIdentifier(SYSTEM_SCHEMA)}`;
  return [
    ...CATALOG_SCHEMAS.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${catalog}.${quoteIdentifier(schema)}`),
    `CREATE TABLE IF NOT EXISTS ${system}."catalog_info" (
  tenant_id VARCHAR NOT NULL,
  catalog_name VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
)`,
    `CREATE TABLE IF NOT EXISTS ${system}."ingest_checkpoints" (
  pipeline_id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  file_size BIGINT NOT NULL,
  file_modified_at TIMESTAMPTZ NOT NULL,
  target_table VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  ingested_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (pipeline_id, source_file, content_hash)
)`,
    // The key makes two runs that evolve one table at once collide instead of both writing version n.
    `CREATE TABLE IF NOT EXISTS ${system}."schema_history" (
  table_name VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  fingerprint VARCHAR NOT NULL,
  columns JSON NOT NULL,
  run_id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (table_name, version)
)`,
    // Files a run could not read: skipped by later runs until their content changes.
    `CREATE TABLE IF NOT EXISTS ${system}."quarantined_files" (
  pipeline_id VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  content_hash VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  quarantined_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (pipeline_id, source_file, content_hash)
)`,
    // Runs whose bronze rows the quality stage has taken to silver; a later run takes on the rest.
    `CREATE TABLE IF NOT EXISTS ${system}."judged_runs" (
  table_name VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  judged_by_run VARCHAR NOT NULL,
  judged_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (table_name, run_id)
)`,
    // Every write a run (or a quarantine release) made: file -> bronze -> silver/quarantine -> gold.
    `CREATE TABLE IF NOT EXISTS ${system}."lineage" (
  run_id VARCHAR NOT NULL,
  source_kind VARCHAR NOT NULL,
  source_name VARCHAR NOT NULL,
  target VARCHAR NOT NULL,
  rows BIGINT NOT NULL,
  recorded_at TIMESTAMPTZ NOT NULL
)`,
  ];
}

export function catalogOwnersSql(catalogName: string): string {
  return `SELECT tenant_id FROM ${quoteIdentifier(catalogName)}.${quoteIdentifier(SYSTEM_SCHEMA)}."catalog_info"`;
}

export function insertCatalogInfoSql(catalogName: string, tenantId: string): string {
  return `INSERT INTO ${quoteIdentifier(catalogName)}.${quoteIdentifier(SYSTEM_SCHEMA)}."catalog_info" (tenant_id, catalog_name, created_at)
VALUES (${sqlString(tenantId)}, ${sqlString(catalogName)}, current_timestamp)`;
}
