import type { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantRls, enableTenantRls } from './rls';

/**
 * The tamper-evident audit log (HIPAA 164.312(b) audit controls, (c) integrity) and legal hold.
 *
 * `audit_events` holds one hash chain per tenant and one platform chain (tenant_id NULL): each
 * entry's hash covers its fields and the previous entry's hash (see
 * apps/control-plane/src/audit/audit-hash.ts). The table is append-only three times over:
 * the application role gets only SELECT and INSERT (granted by the role setup, see
 * apps/control-plane/src/audit/audit-tables.ts), a trigger refuses UPDATE, DELETE and TRUNCATE
 * even for the owner unless the transaction set `ade.retention_purge` = 'on', and the only
 * sanctioned deletion is `purge_audit_events`, which removes a chain's oldest prefix, never
 * anything younger than 6 years (2192 days), never on legal hold, never the chain's newest entry.
 */
export class AuditAndRetention1765300000000 implements MigrationInterface {
  name = 'AuditAndRetention1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [{ schema }] = (await queryRunner.query(`SELECT current_schema() AS schema`)) as Array<{ schema: string }>;
    const pinnedPath = `${quoteIdent(schema)}, pg_temp`;

    await queryRunner.query(`
      ALTER TABLE tenants
        ADD COLUMN legal_hold boolean NOT NULL DEFAULT false,
        ADD COLUMN legal_hold_reason text,
        ADD COLUMN legal_hold_set_at timestamptz`);

    await queryRunner.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid,
        seq bigint NOT NULL CHECK (seq >= 1),
        at timestamptz NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
        actor_id text,
        actor_role text,
        action text NOT NULL,
        resource_type text,
        resource_id text,
        outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'error')),
        status_code int,
        request_id text,
        client_ip text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    // One seq per chain; two partial indexes because NULL (the platform chain) is never equal to NULL.
    await queryRunner.query(`CREATE UNIQUE INDEX audit_events_tenant_seq_key ON audit_events (tenant_id, seq) WHERE tenant_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX audit_events_platform_seq_key ON audit_events (seq) WHERE tenant_id IS NULL`);

    await queryRunner.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF coalesce(current_setting('ade.retention_purge', true), '') = 'on' THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    await queryRunner.query(`
      CREATE FUNCTION purge_audit_events(p_tenant uuid, p_before timestamptz)
      RETURNS TABLE (purged bigint, last_seq bigint, last_hash text)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${pinnedPath} AS $$
      DECLARE
        v_head bigint;
        v_young bigint;
        v_through bigint;
        v_hash text;
        v_count bigint;
        -- The chain, as a filter each partial index can answer (IS NOT DISTINCT FROM would scan every chain).
        v_chain text := CASE WHEN p_tenant IS NULL THEN 'e.tenant_id IS NULL' ELSE format('e.tenant_id = %L::uuid', p_tenant) END;
      BEGIN
        IF p_before IS NULL OR p_before > now() - interval '2192 days' THEN
          RAISE EXCEPTION 'audit retention cutoff must be at least 6 years (2192 days) ago' USING ERRCODE = 'check_violation';
        END IF;
        IF p_tenant IS NOT NULL AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = p_tenant AND t.legal_hold) THEN
          RAISE EXCEPTION 'tenant is on legal hold; its audit events are kept' USING ERRCODE = 'check_violation';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('audit:' || coalesce(p_tenant::text, 'platform')));
        EXECUTE 'SELECT max(e.seq) FROM audit_events e WHERE ' || v_chain INTO v_head;
        IF v_head IS NULL THEN
          RETURN QUERY SELECT 0::bigint, NULL::bigint, NULL::text;
          RETURN;
        END IF;
        -- The prefix: everything before the first entry at or after the cutoff, never the head.
        EXECUTE 'SELECT min(e.seq) FROM audit_events e WHERE ' || v_chain || ' AND e.at >= $1' INTO v_young USING p_before;
        v_through := least(coalesce(v_young, v_head), v_head) - 1;
        EXECUTE 'SELECT e.hash FROM audit_events e WHERE ' || v_chain || ' AND e.seq = $1' INTO v_hash USING v_through;
        IF v_hash IS NULL THEN
          RETURN QUERY SELECT 0::bigint, NULL::bigint, NULL::text;
          RETURN;
        END IF;
        PERFORM set_config('ade.retention_purge', 'on', true);
        EXECUTE 'DELETE FROM audit_events e WHERE ' || v_chain || ' AND e.seq <= $1' USING v_through;
        GET DIAGNOSTICS v_count = ROW_COUNT;
        PERFORM set_config('ade.retention_purge', '', true);
        RETURN QUERY SELECT v_count, v_through, v_hash;
      END
      $$`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION purge_audit_events(uuid, timestamptz) TO PUBLIC`);

    await enableTenantRls(queryRunner, 'audit_events');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await disableTenantRls(queryRunner, 'audit_events');
    await queryRunner.query(`DROP FUNCTION purge_audit_events(uuid, timestamptz)`);
    await queryRunner.query(`DROP TABLE audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`ALTER TABLE tenants DROP COLUMN legal_hold, DROP COLUMN legal_hold_reason, DROP COLUMN legal_hold_set_at`);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
