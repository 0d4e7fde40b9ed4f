import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assertTenantId } from './tenant-scoped.repository';

/**
 * Row-level security decides which rows a statement can see from two transaction-local settings
 * (see migrations/rls.ts): `ade.tenant_id`, or `ade.platform` for the few cross-tenant tasks.
 * Both are set with set_config(..., true) inside the transaction that runs the work, so they end
 * with it: a pooled connection never carries one request's tenant into the next.
 */
export type DatabaseScopeKind = { kind: 'tenant'; tenantId: string } | { kind: 'platform'; reason: string };

interface ActiveScope {
  dataSource: DataSource;
  scope: DatabaseScopeKind;
  manager: EntityManager;
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

async function inScope<T>(dataSource: DataSource, scope: DatabaseScopeKind, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  const outer = activeScope.getStore();
  // Joining the caller's transaction keeps nested repository calls atomic with it.
  if (outer && outer.dataSource === dataSource && sameScope(outer.scope, scope)) return work(outer.manager);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('ade.tenant_id', $1, true), set_config('ade.platform', $2, true)`, [
      scope.kind === 'tenant' ? scope.tenantId : '',
      scope.kind === 'platform' ? 'on' : '',
    ]);
    return activeScope.run({ dataSource, scope, manager }, () => work(manager));
  });
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

  asPlatform<T>(reason: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inPlatformScope(this.dataSource, reason, work);
  }
}
