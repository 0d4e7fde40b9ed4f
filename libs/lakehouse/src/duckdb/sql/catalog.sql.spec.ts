import { describe, expect, it } from 'vitest';
import { attachCatalogSql, catalogOwnersSql, detachCatalogSql, insertCatalogInfoSql, provisionSql } from './catalog.sql';

describe('catalog SQL', () => {
  it('attaches and detaches a tenant file', () => {
    expect(attachCatalogSql("/data/tenants/t/o'hare.duckdb", 'healthcare_data')).toMatchInlineSnapshot(`"ATTACH IF NOT EXISTS '/data/tenants/t/o''hare.duckdb' AS "healthcare_data""`);
    expect(detachCatalogSql('healthcare_data')).toMatchInlineSnapshot(`"DETACH DATABASE IF EXISTS "healthcare_data""`);
  });

  it('provisions the layout', () => {
    expect(provisionSql('healthcare_data')).toMatchInlineSnapshot(`
      [
        "CREATE SCHEMA IF NOT EXISTS "healthcare_data"."bronze"",
        "CREATE SCHEMA IF NOT EXISTS "healthcare_data"."silver"",
        "CREATE SCHEMA IF NOT EXISTS "healthcare_data"."gold"",
        "CREATE SCHEMA IF NOT EXISTS "healthcare_data"."_system"",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."catalog_info" (
        tenant_id VARCHAR NOT NULL,
        catalog_name VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
      )",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."ingest_checkpoints" (
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
      )",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."schema_history" (
        table_name VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        fingerprint VARCHAR NOT NULL,
        columns JSON NOT NULL,
        run_id VARCHAR NOT NULL,
        source_file VARCHAR NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (table_name, version)
      )",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."quarantined_files" (
        pipeline_id VARCHAR NOT NULL,
        source_file VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        quarantined_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (pipeline_id, source_file, content_hash)
      )",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."judged_runs" (
        table_name VARCHAR NOT NULL,
        run_id VARCHAR NOT NULL,
        judged_by_run VARCHAR NOT NULL,
        judged_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (table_name, run_id)
      )",
        "CREATE TABLE IF NOT EXISTS "healthcare_data"."_system"."lineage" (
        run_id VARCHAR NOT NULL,
        source_kind VARCHAR NOT NULL,
        source_name VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        rows BIGINT NOT NULL,
        recorded_at TIMESTAMPTZ NOT NULL
      )",
      ]
    `);
  });

  it('records and reads the owner', () => {
    expect(insertCatalogInfoSql('healthcare_data', '0b6f8f5e-3c1a-4d2b-9e8f-7a6b5c4d3e2f')).toMatchInlineSnapshot(`
      "INSERT INTO "healthcare_data"."_system"."catalog_info" (tenant_id, catalog_name, created_at)
      VALUES ('0b6f8f5e-3c1a-4d2b-9e8f-7a6b5c4d3e2f', 'healthcare_data', current_timestamp)"
    `);
    expect(catalogOwnersSql('healthcare_data')).toMatchInlineSnapshot(`"SELECT tenant_id FROM "healthcare_data"."_system"."catalog_info""`);
  });
});
