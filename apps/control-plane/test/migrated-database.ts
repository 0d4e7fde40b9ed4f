import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Secret } from '@ade/config';
import { createIsolatedSchema } from '@ade/testing';
import { DatabaseConfig } from '../src/config/control-plane.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DatabaseScope } from '../src/database/database-scope';
import { migrateDatabase } from '../src/database/migrate';
import { Pipeline } from '../src/pipelines/pipeline.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { User } from '../src/users/user.entity';

/** A migrated PostgreSQL schema of its own for one describe block, with a DataSource on it. */
export interface MigratedDatabase {
  dataSource: DataSource;
  scope: DatabaseScope;
  /** Closes the DataSource and drops the schema. */
  drop(): Promise<void>;
}

/** A migrated schema of its own, for a block that opens its own DataSources on it. */
export async function migratedSchema(label: string): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const schema = await createIsolatedSchema(label);
  const config = new DatabaseConfig(new Secret(schema.databaseUrl), schema.schema);
  await migrateDatabase(config);
  return { config, drop: schema.drop };
}

export async function migratedDatabase(label: string): Promise<MigratedDatabase> {
  const schema = await migratedSchema(label);
  const dataSource = await new DataSource(dataSourceOptions(schema.config)).initialize();
  return {
    dataSource,
    scope: new DatabaseScope(dataSource),
    drop: async () => {
      await dataSource.destroy();
      await schema.drop();
    },
  };
}

/** A tenant row (a catalog that is ready), as the tenants service would create it. */
export function tenantRow(id: string = randomUUID()): Tenant {
  return Object.assign(new Tenant(), { id, slug: `s-${id.slice(0, 8)}`, name: id, catalogName: 'healthcare_data', catalogStatus: 'ready', catalogError: null });
}

/** A pipeline row of `tenantId`, as the pipelines service would save it. */
export function pipelineRow(tenantId: string, name: string): Pipeline {
  return Object.assign(new Pipeline(), {
    id: randomUUID(),
    tenantId,
    name,
    dataType: 'professional_claims',
    sourcePath: 'claims.csv',
    sourceFormat: 'csv',
    targetTable: 'healthcare_data.silver.claims',
    schedule: null,
    options: {},
    quality: { expectations: [] },
    connectorId: null,
  });
}

/** Saves a tenant and one of its users; the password hash is never checked by the callers of this. */
export async function tenantWithUser(dataSource: DataSource, role: User['role'] = 'tenant_admin'): Promise<{ tenantId: string; user: User }> {
  const tenant = tenantRow();
  await dataSource.getRepository(Tenant).save(tenant);
  const user = Object.assign(new User(), { id: randomUUID(), tenantId: tenant.id, email: `${randomUUID()}@example.org`, passwordHash: 'unused', role });
  await dataSource.getRepository(User).save(user);
  return { tenantId: tenant.id, user };
}
