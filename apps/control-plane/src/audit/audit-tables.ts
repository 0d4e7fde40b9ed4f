/** The audit trail's table. */
export const AUDIT_EVENTS_TABLE = 'audit_events';

/**
 * Tables the application role may only SELECT from and INSERT into (no UPDATE, DELETE or
 * TRUNCATE); rows leave them only through the owner's `purge_audit_events` function. The role
 * grants (apps/control-plane/src/database/app-role.ts) must cover every name listed here.
 */
export const APPEND_ONLY_TABLES: readonly string[] = [AUDIT_EVENTS_TABLE];
