import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ScopedClient } from './scoped-client';
import { assertTenantId } from './tenant-scoped.repository';

/**
 * Row-level security decides which rows a statement can see from two transaction-local settings
 * (see migrations/rls.ts): `ade.tenant_id`, or `ade.platform` for the few cross-tenant tasks.
 * Both are set with set_config(..., true) inside the transaction that runs the work (for a
 * scoped read, the implicit transaction of its one message), so they end with it: a pooled
 * connection never carries one request's tenant into the next.
 */
export type DatabaseScopeKind = { kind: 'tenant'; tenantId: string } | { kind: 'platform'; reason: string };

interface ActiveScope {
  dataSource: DataSource;
  scope: DatabaseScopeKind;
  manager: EntityManager;
  /** A read scope runs each statement on its own; transactional work must not join it. */
  readOnly: boolean;
}

const activeScope = new AsyncLocalStorage<ActiveScope>();

/** Runs `work` in a transaction that sees (and may write) only `tenantId`'s rows. */
export function inTenantScope<T>(dataSource: DataSource, tenantId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  assertTenantId(tenantId);
  return inScope(dataSource, { kind: 'tenant', tenantId }, work);
}

/**
 * Runs `work` in a transaction that sees every tenant's rows. Only for work no single tenant owns:
 * finding the user behind a login, the scheduler's scan, an operator managing tenants, retention.
 * `reason` names the task; it makes each use greppable and reviewable.
 */
export function inPlatformScope<T>(dataSource: DataSource, reason: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return inScope(dataSource, { kind: 'platform', reason }, work);
}

/**
 * Runs read-only `work` in `tenantId`'s scope with each statement scoped on its own: the scope
 * settings travel with the statement in one message (ScopedClient), one round trip per read
 * instead of four. For single-statement reads; work that must see one snapshot across several
 * statements, or that writes, belongs in inTenantScope.
 */
export async function readInTenantScope<T>(dataSource: DataSource, tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  assertTenantId(tenantId);
  const scope: DatabaseScopeKind = { kind: 'tenant', tenantId };
  const outer = activeScope.getStore();
  if (outer && outer.dataSource === dataSource && sameScope(outer.scope, scope)) return work(outer.manager);
  const runner = dataSource.createQueryRunner();
  // A runner whose connect() failed holds no connection: nothing to release.
  const connection: unknown = await runner.connect();
  if (!(connection instanceof ScopedClient)) {
    // A data source built without the scoped client (dataSourceOptions sets it) reads in a transaction.
    await runner.release();
    return inScope(dataSource, scope, work);
  }
  connection.beginReadScope(scopeStatement(scope));
  try {
    return await activeScope.run({ dataSource, scope, manager: runner.manager, readOnly: true }, () => work(runner.manager));
  } finally {
    connection.endReadScope();
    await runner.release();
  }
}

async function inScope<T>(dataSource: DataSource, scope: DatabaseScopeKind, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const outer = activeScope.getStore();
  // Joining the caller's transaction keeps nested repository calls atomic with it.
  if (outer && !outer.readOnly && outer.dataSource === dataSource && sameScope(outer.scope, scope)) return work(outer.manager);
  // What dataSource.transaction does, except that the scope is set in the same message as
  // START TRANSACTION when the connection is a ScopedClient (one round trip instead of two).
  const runner = dataSource.createQueryRunner();
  let connection: unknown;
  try {
    connection = await runner.connect();
    const statement = scopeStatement(scope);
    if (connection instanceof ScopedClient) connection.scopeNextTransaction(statement);
    await runner.startTransaction();
    if (!(connection instanceof ScopedClient)) await runner.query(statement);
    try {
      const result = await activeScope.run({ dataSource, scope, manager: runner.manager, readOnly: false }, () => work(runner.manager));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    if (connection instanceof ScopedClient) connection.endTransactionScope();
    await runner.release();
  }
}

/** The one statement that sets a scope; its values are a checked tenant id and constants. */
function scopeStatement(scope: DatabaseScopeKind): string {
  const tenantId = scope.kind === 'tenant' ? scope.tenantId : '';
  const platform = scope.kind === 'platform' ? 'on' : '';
  return `SELECT set_config('ade.tenant_id', ${escapeLiteral(tenantId)}, true), set_config('ade.platform', ${escapeLiteral(platform)}, true)`;
}

function sameScope(a: DatabaseScopeKind, b: DatabaseScopeKind): boolean {
  if (a.kind === 'tenant' && b.kind === 'tenant') return a.tenantId === b.tenantId;
  return a.kind === 'platform' && b.kind === 'platform';
}

/** The injectable face of the two scopes, for services that run their own SQL. */
@Injectable()
export class DatabaseScope {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  forTenant<T>(tenantId: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inTenantScope(this.dataSource, tenantId, work);
  }

  readForTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return readInTenantScope(this.dataSource, tenantId, work);
  }

  asPlatform<T>(reason: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inPlatformScope(this.dataSource, reason, work);
  }
}
