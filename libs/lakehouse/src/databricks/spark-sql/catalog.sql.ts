import { quoteIdentifier, schemaTable, sqlString } from './literals';

export const SYSTEM_SCHEMA = '_system';
export const CATALOG_SCHEMAS = ['bronze', 'silver', 'gold', SYSTEM_SCHEMA] as const;
/** The managed volume files are staged in for `read_files`; removed again after each read. */
export const LANDING_VOLUME = 'landing';

/**
 * Every Delta table the platform creates keeps a change feed, so downstream consumers (and
 * lineage audits) can read what each write changed.
 */
export const DELTA_PROPERTIES = `TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')`;

/**
 * Bronze tables take file headers as column names, which may hold characters Delta refuses
 * without column mapping (spaces, commas, parentheses...). Row tracking gives every bronze row a
 * stable `_metadata.row_id`: the quality stage keeps it with each silver and quarantined row, as
 * it keeps DuckDB's rowid on the embedded engine, so a row is traced back to the line it came from.
 */
export const BRONZE_PROPERTIES =
  `TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true', 'delta.columnMapping.mode' = 'name', ` +
  `'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5', 'delta.enableRowTracking' = 'true')`;

/** Run in a session without an initial catalog: the one statement that names the catalog. */
export function createCatalogSql(catalogName: string): string {
  return `CREATE CATALOG IF NOT EXISTS ${quoteIdentifier(catalogName)}`;
}

const systemTable = (table: string) => schemaTable(SYSTEM_SCHEMA, table);

/**
 * The layout inside the catalog, run in a session whose initial catalog it is. Every statement is
 * idempotent so `open()` can run it on older catalogs too. The columns mirror the embedded
 * engine's system tables; Delta has no enforced keys, so the statements that write them are
 * MERGEs on what would be the key.
 */
export function provisionSql(): string[] {
  return [
    ...CATALOG_SCHEMAS.map((schema) => `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`),
    `CREATE VOLUME IF NOT EXISTS ${systemTable(LANDING_VOLUME)} COMMENT 'files staged for ingest; each is removed after its read'`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('catalog_info')} (
  tenant_id STRING NOT NULL,
  catalog_name STRING NOT NULL,
  created_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('ingest_checkpoints')} (
  pipeline_id STRING NOT NULL,
  source_file STRING NOT NULL,
  content_hash STRING NOT NULL,
  file_size BIGINT NOT NULL,
  file_modified_at TIMESTAMP NOT NULL,
  target_table STRING NOT NULL,
  run_id STRING NOT NULL,
  row_count BIGINT NOT NULL,
  ingested_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('schema_history')} (
  table_name STRING NOT NULL,
  version INT NOT NULL,
  fingerprint STRING NOT NULL,
  columns STRING NOT NULL,
  run_id STRING NOT NULL,
  source_file STRING NOT NULL,
  recorded_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('quarantined_files')} (
  pipeline_id STRING NOT NULL,
  source_file STRING NOT NULL,
  content_hash STRING NOT NULL,
  run_id STRING NOT NULL,
  reason STRING NOT NULL,
  quarantined_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('judged_runs')} (
  table_name STRING NOT NULL,
  run_id STRING NOT NULL,
  judged_by_run STRING NOT NULL,
  judged_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
    `CREATE TABLE IF NOT EXISTS ${systemTable('lineage')} (
  run_id STRING NOT NULL,
  source_kind STRING NOT NULL,
  source_name STRING NOT NULL,
  target STRING NOT NULL,
  rows BIGINT NOT NULL,
  recorded_at TIMESTAMP NOT NULL
) USING DELTA ${DELTA_PROPERTIES}`,
  ];
}

/**
 * Claims an unowned catalog in one statement: the row is only inserted while the table is empty,
 * and Delta's optimistic concurrency makes one of two racing claims fail instead of both landing.
 */
export function claimCatalogSql(catalogName: string, tenantId: string): string {
  return `INSERT INTO ${systemTable('catalog_info')} (tenant_id, catalog_name, created_at)
SELECT ${sqlString(tenantId)}, ${sqlString(catalogName)}, current_timestamp()
WHERE NOT EXISTS (SELECT 1 FROM ${systemTable('catalog_info')})`;
}

export function catalogOwnersSql(): string {
  return `SELECT tenant_id FROM ${systemTable('catalog_info')}`;
}

export function checkpointsTable(): string {
  return systemTable('ingest_checkpoints');
}

export function historyTable(): string {
  return systemTable('schema_history');
}

export function quarantinedFilesTable(): string {
  return systemTable('quarantined_files');
}

export function lineageTable(): string {
  return systemTable('lineage');
}

/** Where a staged file lives: `/Volumes/<catalog>/_system/landing/<folder>/<name>`. */
export function landingPath(catalogName: string, folder: string, name: string): string {
  quoteIdentifier(catalogName);
  return `/Volumes/${catalogName}/${SYSTEM_SCHEMA}/${LANDING_VOLUME}/${folder}/${name}`;
}
