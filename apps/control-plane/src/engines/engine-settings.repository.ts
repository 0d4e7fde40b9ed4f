import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NO_CATALOG_ACCESS, type CatalogAccess, type CatalogEngineView, type EngineKind } from '@ade/contracts';
import { DatabaseScope } from '../database/database-scope';

/** What is stored of a Databricks engine besides its secret. */
export interface StoredEngineSettings {
  host: string;
  httpPath: string;
  auth: 'token' | 'oauth-m2m';
  clientId: string | null;
  /** Absent on engines stored before reader groups existed: none. */
  access?: CatalogAccess;
}

export interface StoredEngine {
  kind: EngineKind;
  settings: StoredEngineSettings | null;
  secretCiphertext: string | null;
  updatedAt: Date | null;
  catalogName: string;
}

interface EngineRow {
  catalog_engine: EngineKind;
  engine_settings: StoredEngineSettings | null;
  engine_secret_ciphertext: string | null;
  engine_updated_at: Date | null;
  catalog_name: string;
}

const ENGINE_COLUMNS = 'catalog_engine, engine_settings, engine_secret_ciphertext, engine_updated_at, catalog_name';

function storedEngine(row: EngineRow): StoredEngine {
  return { kind: row.catalog_engine, settings: row.engine_settings, secretCiphertext: row.engine_secret_ciphertext, updatedAt: row.engine_updated_at, catalogName: row.catalog_name };
}

export function engineView(engine: StoredEngine): CatalogEngineView {
  return {
    kind: engine.kind,
    host: engine.settings?.host ?? null,
    httpPath: engine.settings?.httpPath ?? null,
    auth: engine.settings?.auth ?? null,
    clientId: engine.settings?.clientId ?? null,
    access: engine.settings ? (engine.settings.access ?? NO_CATALOG_ACCESS) : null,
    updatedAt: engine.updatedAt?.toISOString() ?? null,
  };
}

/** The engine columns of the tenants table, always under the tenant's own scope. */
@Injectable()
export class EngineSettingsRepository {
  constructor(private readonly scope: DatabaseScope) {}

  find(tenantId: string): Promise<StoredEngine | null> {
    return this.scope.readForTenant(tenantId, (manager) => engineIn(manager, tenantId, { forUpdate: false }));
  }

  /** Replaces the engine; returns what was stored before (null: no such tenant). */
  replace(tenantId: string, next: { kind: EngineKind; settings: StoredEngineSettings | null; secretCiphertext: string | null }): Promise<{ before: StoredEngine; after: StoredEngine } | null> {
    return this.scope.forTenant(tenantId, async (tx) => {
      const before = await engineIn(tx, tenantId, { forUpdate: true });
      if (!before) return null;
      // TypeORM answers an UPDATE ... RETURNING on PostgreSQL with [rows, affected].
      const [rows]: [EngineRow[], number] = await tx.query(
        `UPDATE tenants SET catalog_engine = $2, engine_settings = $3, engine_secret_ciphertext = $4, engine_updated_at = now(), updated_at = now()
         WHERE id = $1 RETURNING ${ENGINE_COLUMNS}`,
        [tenantId, next.kind, next.settings === null ? null : JSON.stringify(next.settings), next.secretCiphertext],
      );
      return { before, after: storedEngine(rows[0]!) };
    });
  }

  /**
   * Whether the tenant has work on its catalog queued or in progress: a provisioning, a run, a
   * health check, an export or a quarantine release. Engine credentials are released for nothing else.
   */
  holdsCatalogWork(tx: EntityManager, tenantId: string): Promise<boolean> {
    return tx
      .query(
        `SELECT (SELECT catalog_status = 'provisioning' FROM tenants WHERE id = $1)
            OR EXISTS (SELECT 1 FROM pipeline_runs WHERE tenant_id = $1 AND status IN ('queued', 'running'))
            OR EXISTS (SELECT 1 FROM catalog_health_checks WHERE tenant_id = $1 AND status = 'queued')
            OR EXISTS (SELECT 1 FROM table_exports WHERE tenant_id = $1 AND status = 'queued')
            OR EXISTS (SELECT 1 FROM quarantine_releases WHERE tenant_id = $1 AND status = 'queued') AS busy`,
        [tenantId],
      )
      .then((rows: Array<{ busy: boolean | null }>) => rows[0]?.busy === true);
  }

  findIn(tx: EntityManager, tenantId: string): Promise<StoredEngine | null> {
    return engineIn(tx, tenantId, { forUpdate: false });
  }
}

async function engineIn(tx: EntityManager, tenantId: string, { forUpdate }: { forUpdate: boolean }): Promise<StoredEngine | null> {
  const rows: EngineRow[] = await tx.query(`SELECT ${ENGINE_COLUMNS} FROM tenants WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [tenantId]);
  return rows[0] ? storedEngine(rows[0]) : null;
}
