import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseConfig } from '../src/config/control-plane.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { inPlatformScope, inTenantScope } from '../src/database/database-scope';
import { MissingTenantScopeError, TenantScopedRepository } from '../src/database/tenant-scoped.repository';
import { Pipeline } from '../src/pipelines/pipeline.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { migratedSchema, pipelineRow, tenantRow } from './migrated-database';


describe('TenantScopedRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let pipelines: TenantScopedRepository<Pipeline>;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  const pipeline = pipelineRow;

  beforeAll(async () => {
    let config: DatabaseConfig;
    ({ config, drop } = await migratedSchema('scoped'));
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    await dataSource.getRepository(Tenant).save([tenantRow(tenantA), tenantRow(tenantB)]);
    pipelines = new TenantScopedRepository(dataSource.getRepository(Pipeline));
    await pipelines.insert(tenantA, pipeline(tenantA, 'shared-name'));
    await pipelines.insert(tenantB, pipeline(tenantB, 'shared-name'));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  it("returns only the scoped tenant's rows, even for the same name", async () => {
    const ofA = await pipelines.find(tenantA, { where: { name: 'shared-name' } });
    expect(ofA.map((p) => p.tenantId)).toEqual([tenantA]);
  });

  it("cannot read, save over or delete another tenant's row by id", async () => {
    const [ofB] = await pipelines.find(tenantB);
    expect(await pipelines.findById(tenantA, ofB!.id)).toBeNull();
    expect(await pipelines.delete(tenantA, ofB!.id)).toBe(false);
    await expect(pipelines.save(tenantA, ofB!)).rejects.toThrowError(MissingTenantScopeError);
    expect(await pipelines.findById(tenantB, ofB!.id)).not.toBeNull();
  });

  it('throws instead of querying every tenant when the tenant or a filter is missing', async () => {
    await expect(pipelines.find('')).rejects.toThrowError(MissingTenantScopeError);
    await expect(pipelines.find(undefined as unknown as string)).rejects.toThrowError(MissingTenantScopeError);
    await expect(pipelines.find(tenantA, { where: { name: undefined } })).rejects.toThrowError(MissingTenantScopeError);
  });

  it('names what is missing', async () => {
    const error = await pipelines.find('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingTenantScopeError);
    expect(error).toMatchObject({ name: 'MissingTenantScopeError', message: 'a tenant id is required to reach tenant-owned data' });
    await expect(pipelines.find(tenantA, { where: { name: undefined } })).rejects.toThrowError("filter 'name' is undefined");
    await expect(pipelines.insert(tenantA, pipeline(tenantB, 'misplaced'))).rejects.toThrowError('entity belongs to another tenant');
  });

  it('inserts a new row in one statement, returning its generated columns, and never overwrites one', async () => {
    const fresh = pipeline(tenantA, 'fresh');
    const inserted = await pipelines.insert(tenantA, fresh);
    expect(inserted).toBe(fresh);
    expect(inserted.createdAt).toBeInstanceOf(Date);
    expect(inserted.updatedAt).toBeInstanceOf(Date);
    const again = Object.assign(pipeline(tenantA, 'overwritten'), { id: fresh.id });
    await expect(pipelines.insert(tenantA, again)).rejects.toMatchObject({ driverError: { code: '23505' } });
    expect((await pipelines.findById(tenantA, fresh.id))?.name).toBe('fresh');
    await pipelines.delete(tenantA, fresh.id);
  });

  it('saves changes to its own row', async () => {
    const saved = await pipelines.insert(tenantA, pipeline(tenantA, 'before'));
    await pipelines.save(tenantA, Object.assign(saved, { name: 'after' }));
    expect((await pipelines.findById(tenantA, saved.id))?.name).toBe('after');
    await pipelines.delete(tenantA, saved.id);
  });

  it('deletes its own row and says so', async () => {
    const doomed = await pipelines.insert(tenantA, pipeline(tenantA, 'doomed'));
    expect(await pipelines.delete(tenantA, doomed.id)).toBe(true);
    expect(await pipelines.findById(tenantA, doomed.id)).toBeNull();
    expect(await pipelines.delete(tenantA, doomed.id)).toBe(false);
  });
});

describe('database scopes (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let otherDataSource: DataSource;
  let drop: () => Promise<void>;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const settings = (tx: EntityManager) =>
    tx.query(`SELECT current_setting('ade.tenant_id', true) AS tenant, current_setting('ade.platform', true) AS platform, txid_current() AS txid`) as Promise<
      [{ tenant: string; platform: string; txid: string }]
    >;

  beforeAll(async () => {
    let config: DatabaseConfig;
    ({ config, drop } = await migratedSchema('scopes'));
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    otherDataSource = await new DataSource(dataSourceOptions(config)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await otherDataSource?.destroy();
    await drop?.();
  });

  it('sets exactly one of the two settings, and only for the transaction', async () => {
    const [inTenant] = await inTenantScope(dataSource, tenantA, settings);
    expect(inTenant).toMatchObject({ tenant: tenantA, platform: '' });
    const [inPlatform] = await inPlatformScope(dataSource, 'test: read the settings', settings);
    expect(inPlatform).toMatchObject({ tenant: '', platform: 'on' });
    const [outside] = await dataSource.query(`SELECT coalesce(current_setting('ade.tenant_id', true), '') AS tenant, coalesce(current_setting('ade.platform', true), '') AS platform`);
    expect(outside).toEqual({ tenant: '', platform: '' });
  });

  it('joins the caller’s transaction for the same scope, and opens its own for any other', async () => {
    const txids = await inTenantScope(dataSource, tenantA, async (outer) => {
      const [{ txid: outerTx }] = await settings(outer);
      const [sameTenant] = await inTenantScope(dataSource, tenantA, settings);
      const [otherTenant] = await inTenantScope(dataSource, tenantB, settings);
      const [platform] = await inPlatformScope(dataSource, 'test: nested platform', settings);
      const [otherSource] = await inTenantScope(otherDataSource, tenantA, settings);
      return { outerTx, sameTenant, otherTenant, platform, otherSource };
    });
    expect(txids.sameTenant.txid).toBe(txids.outerTx);
    expect(txids.otherTenant).toMatchObject({ tenant: tenantB, platform: '' });
    expect(txids.otherTenant.txid).not.toBe(txids.outerTx);
    expect(txids.platform).toMatchObject({ tenant: '', platform: 'on' });
    expect(txids.platform.txid).not.toBe(txids.outerTx);
    expect(txids.otherSource).toMatchObject({ tenant: tenantA });
    expect(txids.otherSource.txid).not.toBe(txids.outerTx);
  });

  it('joins an outer platform scope from a platform scope, whatever its reason, but not a tenant scope', async () => {
    const seen = await inPlatformScope(dataSource, 'test: outer', async (outer) => {
      const [{ txid: outerTx }] = await settings(outer);
      const [platform] = await inPlatformScope(dataSource, 'test: inner', settings);
      const [tenant] = await inTenantScope(dataSource, tenantA, settings);
      return { outerTx, platform, tenant };
    });
    expect(seen.platform.txid).toBe(seen.outerTx);
    expect(seen.tenant).toMatchObject({ tenant: tenantA, platform: '' });
    expect(seen.tenant.txid).not.toBe(seen.outerTx);
  });
});

