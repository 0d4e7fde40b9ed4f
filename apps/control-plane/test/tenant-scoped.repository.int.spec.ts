import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { createIsolatedSchema } from '@ade/testing';
import { DatabaseConfig } from '../src/config/control-plane.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migrateDatabase } from '../src/database/migrate';
import { MissingTenantScopeError, TenantScopedRepository } from '../src/database/tenant-scoped.repository';
import { Pipeline } from '../src/pipelines/pipeline.entity';
import { Tenant } from '../src/tenants/tenant.entity';

describe('TenantScopedRepository (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let pipelines: TenantScopedRepository<Pipeline>;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  const tenant = (id: string) =>
    Object.assign(new Tenant(), { id, slug: `s-${id.slice(0, 8)}`, name: id, catalogName: 'healthcare_data', catalogStatus: 'ready', catalogError: null });
  const pipeline = (tenantId: string, name: string) =>
    Object.assign(new Pipeline(), {
      id: randomUUID(),
      tenantId,
      name,
      dataType: 'professional_claims',
      sourcePath: 'claims.csv',
      sourceFormat: 'csv',
      targetTable: 'healthcare_data.silver.claims',
      schedule: null,
      options: {},
    });

  beforeAll(async () => {
    const schema = await createIsolatedSchema('scoped');
    drop = schema.drop;
    const config = new DatabaseConfig(new Secret(schema.databaseUrl), schema.schema);
    await migrateDatabase(config);
    dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    await dataSource.getRepository(Tenant).save([tenant(tenantA), tenant(tenantB)]);
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
});
