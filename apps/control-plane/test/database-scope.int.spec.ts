import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { escapeLiteral } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '@ade/config';
import { createIsolatedSchema, testAppDatabaseUrl } from '@ade/testing';
import { DatabaseConfig } from '../src/config/control-plane.config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { inTenantScope, readInTenantScope } from '../src/database/database-scope';
import { migrateDatabase } from '../src/database/migrate';
import { ScopedClient } from '../src/database/scoped-client';
import { TenantScopedRepository } from '../src/database/tenant-scoped.repository';
import { Pipeline } from '../src/pipelines/pipeline.entity';
import { Tenant } from '../src/tenants/tenant.entity';
import { pipelineRow, tenantRow } from './migrated-database';

/**
 * Database scopes as the control plane's own role, whose rows row-level security filters: a read
 * carries its scope in the same message (one round trip), a transaction opens with its scope in
 * one message, and the scope ends with either.
 */
describe('database scopes in as few round trips as they can (real PostgreSQL, application role)', () => {
  let dataSource: DataSource;
  let owner: DataSource;
  let pooled: DataSource;
  let drop: () => Promise<void>;
  let appOptions: ReturnType<typeof dataSourceOptions>;
  let pipelines: TenantScopedRepository<Pipeline>;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  const pipeline = pipelineRow;

  /** Round trips this DataSource's only connection completes while `work` runs. */
  async function roundTripsOf<T>(work: () => Promise<T>): Promise<{ result: T; roundTrips: number }> {
    const runner = dataSource.createQueryRunner();
    const client = (await runner.connect()) as Client & { connection: NodeJS.EventEmitter };
    await runner.release();
    let roundTrips = 0;
    const count = () => (roundTrips += 1);
    client.connection.on('readyForQuery', count);
    try {
      return { result: await work(), roundTrips };
    } finally {
      client.connection.off('readyForQuery', count);
    }
  }

  /** The connection's tenant setting: '' once a scope has come and gone, null if none ever came. */
  const expectNoScopeLeft = async () => {
    const [{ tenant }] = await dataSource.query(`SELECT current_setting('ade.tenant_id', true) AS tenant`);
    expect(['', null]).toContain(tenant);
  };

  beforeAll(async () => {
    const schema = await createIsolatedSchema('scoped_read');
    const config = new DatabaseConfig(new Secret(testAppDatabaseUrl), schema.schema, new Secret(schema.databaseUrl));
    await migrateDatabase(config);
    const options = dataSourceOptions(config);
    appOptions = options;
    // One connection, so each test can watch the very connection its reads use.
    dataSource = await new DataSource({ ...options, extra: { ...(options.extra as object), max: 1 } } as typeof options).initialize();
    pooled = await new DataSource(options).initialize();
    owner = await new DataSource(dataSourceOptions(config, schema.databaseUrl)).initialize();
    drop = schema.drop;
    await owner.getRepository(Tenant).save([tenantRow(tenantA), tenantRow(tenantB)]);
    await owner.getRepository(Pipeline).save([pipeline(tenantA, 'a-1'), pipeline(tenantA, "a-2 O'Brien"), pipeline(tenantB, 'b-1')]);
    pipelines = new TenantScopedRepository(dataSource.getRepository(Pipeline));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await pooled?.destroy();
    await owner?.destroy();
    await drop?.();
  });

  it('sees only the scoped tenant, with no tenant filter in the statement, in one round trip', async () => {
    const { result, roundTrips } = await roundTripsOf(() =>
      readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT tenant_id, name FROM pipelines ORDER BY name`)),
    );
    expect(result).toEqual([
      { tenant_id: tenantA, name: 'a-1' },
      { tenant_id: tenantA, name: "a-2 O'Brien" },
    ]);
    expect(roundTrips).toBe(1);
  });

  it('reads entities through the repository in one round trip each', async () => {
    const { result, roundTrips } = await roundTripsOf(async () => ({
      all: await pipelines.find(tenantA, { order: { name: 'ASC' } }),
      byName: await pipelines.findOne(tenantA, { name: "a-2 O'Brien" }),
    }));
    expect(result.all.map((p) => p.name)).toEqual(['a-1', "a-2 O'Brien"]);
    expect(result.all[0]).toBeInstanceOf(Pipeline);
    expect(result.all[0]!.createdAt).toBeInstanceOf(Date);
    expect(result.all[0]!.quality).toEqual({ expectations: [] });
    expect(result.byName?.tenantId).toBe(tenantA);
    expect(roundTrips).toBe(2);
  });

  it("finds nothing of another tenant's, by id or by name", async () => {
    const [ofB] = await owner.getRepository(Pipeline).findBy({ tenantId: tenantB });
    expect(await pipelines.findById(tenantA, ofB!.id)).toBeNull();
    expect(await pipelines.find(tenantA, { where: { name: 'b-1' } })).toEqual([]);
    expect((await pipelines.findById(tenantB, ofB!.id))?.name).toBe('b-1');
  });

  it('leaves the connection without a scope once the read is done, and after a failed read', async () => {
    await readInTenantScope(dataSource, tenantA, (manager) => manager.query('SELECT 1'));
    await expectNoScopeLeft();
    await expect(readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT * FROM pipelines WHERE id = $1`, ['not-a-uuid']))).rejects.toThrow(
      /invalid input syntax for type uuid/,
    );
    await expectNoScopeLeft();
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM pipelines`)).toEqual([{ n: 0 }]);
  });

  it('gives an inlined value the same meaning a bound parameter has', async () => {
    const sql = `SELECT $1::text AS text, $2::int AS int, $3::timestamptz AS at, $4::text[] AS list, $5::jsonb AS doc, $6::boolean AS flag, $7::text AS nothing`;
    const values = ["it's \\ \"quoted\" $1 ; --", 42, new Date('2026-02-28T23:59:59.123Z'), ['a', 'b"c', null], { k: ["v'"] }, false, null];
    const bound = await dataSource.query(sql, values);
    const { result: inlined, roundTrips } = await roundTripsOf(() => readInTenantScope(dataSource, tenantA, (manager) => manager.query(sql, values)));
    expect(inlined).toEqual(bound);
    expect(roundTrips).toBe(1);
  });

  it('still scopes a read whose values cannot be inlined, in a transaction of its own', async () => {
    const { result, roundTrips } = await roundTripsOf(() =>
      readInTenantScope(dataSource, tenantB, (manager) =>
        manager.query(`SELECT name, length($1::bytea) AS bytes FROM pipelines`, [Buffer.from([0, 1, 2])]),
      ),
    );
    expect(result).toEqual([{ name: 'b-1', bytes: 3 }]);
    expect(roundTrips).toBe(3);
    await expectNoScopeLeft();
  });

  it('rolls back a failed read that needed a transaction of its own, leaving the connection usable', async () => {
    await expect(
      readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT length($1::bytea) / 0 FROM pipelines`, [Buffer.from([1])])),
    ).rejects.toThrow(/division by zero/);
    await expectNoScopeLeft();
  });

  it("joins a read of the same tenant on the same data source, and only that", async () => {
    // With one connection, a nested read that did not join would wait for the outer one's connection forever.
    const nested = await readInTenantScope(dataSource, tenantA, () =>
      readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT count(*)::int AS n FROM pipelines`)),
    );
    expect(nested).toEqual([{ n: 2 }]);
    // A read on another data source runs on that data source's connection.
    const { result, roundTrips } = await roundTripsOf(() =>
      readInTenantScope(pooled, tenantA, () => readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT count(*)::int AS n FROM pipelines`))),
    );
    expect(result).toEqual([{ n: 2 }]);
    expect(roundTrips).toBe(1);
  });

  it('refuses more than one statement, running none of them', async () => {
    const doomed = pipeline(tenantA, 'doomed');
    await owner.getRepository(Pipeline).save(doomed);
    await expect(
      readInTenantScope(dataSource, tenantA, (manager) => manager.query(`SELECT 1; DELETE FROM pipelines WHERE id = $1`, [doomed.id])),
    ).rejects.toThrow(/cannot insert multiple commands/);
    expect(await owner.getRepository(Pipeline).countBy({ id: doomed.id })).toBe(1);
    await owner.getRepository(Pipeline).delete({ id: doomed.id });
  });

  it("reads in a scoped transaction on a data source without the scoped client, even with one connection", async () => {
    const plain = await new DataSource({ ...appOptions, extra: { ...(appOptions.extra as object), max: 1, Client: undefined } } as typeof appOptions).initialize();
    try {
      const rows = await readInTenantScope(plain, tenantB, (manager) => manager.query(`SELECT name FROM pipelines`));
      expect(rows).toEqual([{ name: 'b-1' }]);
    } finally {
      await plain.destroy();
    }
  });

  it('keeps a write started inside a read in a transaction of its own', async () => {
    const inner = pipeline(tenantA, 'rolled-back');
    const outcome = readInTenantScope(pooled, tenantA, () =>
      inTenantScope(pooled, tenantA, async (tx) => {
        await tx.getRepository(Pipeline).save(inner);
        throw new Error('abandoned');
      }),
    );
    await expect(outcome).rejects.toThrow('abandoned');
    expect(await owner.getRepository(Pipeline).countBy({ id: inner.id })).toBe(0);
  });

  it('opens a scoped transaction with its scope in one round trip, and sees only its tenant', async () => {
    const { result, roundTrips } = await roundTripsOf(() => inTenantScope(dataSource, tenantB, (tx) => tx.query(`SELECT name FROM pipelines`)));
    expect(result).toEqual([{ name: 'b-1' }]);
    // START TRANSACTION and the scope, the SELECT, COMMIT.
    expect(roundTrips).toBe(3);
    await expectNoScopeLeft();
  });

  it('rolls a failed scoped transaction back and leaves no scope on the connection', async () => {
    const abandoned = pipeline(tenantA, 'abandoned');
    await expect(
      inTenantScope(dataSource, tenantA, async (tx) => {
        await tx.getRepository(Pipeline).insert(abandoned);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await owner.getRepository(Pipeline).countBy({ id: abandoned.id })).toBe(0);
    await expectNoScopeLeft();
  });

  it('writes through the repository in a scoped transaction that cannot reach another tenant', async () => {
    const { result: written, roundTrips } = await roundTripsOf(() => pipelines.insert(tenantA, pipeline(tenantA, 'written')));
    // START TRANSACTION and the scope, the INSERT (no lookup of the key first), COMMIT.
    expect(roundTrips).toBe(3);
    expect(await owner.getRepository(Pipeline).findOneBy({ id: written.id })).toMatchObject({ tenantId: tenantA, name: 'written' });
    const [ofB] = await owner.getRepository(Pipeline).findBy({ tenantId: tenantB });
    const moved = await inTenantScope(dataSource, tenantA, (tx) => tx.query(`UPDATE pipelines SET name = 'moved' WHERE id = $1`, [ofB!.id]));
    expect(moved).toEqual([[], 0]);
    await owner.getRepository(Pipeline).delete({ id: written.id });
  });

  it('refuses to run anything but START TRANSACTION first on a connection told to scope its next transaction', async () => {
    const client = new ScopedClient({ connectionString: testAppDatabaseUrl });
    await client.connect();
    try {
      client.scopeNextTransaction(`SELECT set_config('ade.tenant_id', ${escapeLiteral(tenantA)}, true)`);
      await expect(client.query('SELECT 1')).rejects.toThrow('a scoped transaction must start with START TRANSACTION');
      await expect(client.query('START TRANSACTION', ['extra'])).rejects.toThrow('a scoped transaction must start with START TRANSACTION');
      expect(() => client.beginReadScope('SELECT 1')).toThrow('this connection already carries a scope');
      client.endTransactionScope();
      // Nothing ran in the scope it was refused.
      expect((await client.query(`SELECT current_setting('ade.tenant_id', true) AS tenant`)).rows).toEqual([{ tenant: null }]);
      client.beginReadScope('SELECT 1');
      expect(() => client.beginReadScope('SELECT 1')).toThrow('this connection already carries a scope');
      expect(() => client.scopeNextTransaction('SELECT 1')).toThrow('this connection already carries a scope');
      client.endReadScope();
      // TypeORM's START TRANSACTION, with or without an empty list of values, carries the scope.
      client.scopeNextTransaction(`SELECT set_config('ade.tenant_id', ${escapeLiteral(tenantA)}, true)`);
      await client.query('START TRANSACTION', []);
      expect((await client.query(`SELECT current_setting('ade.tenant_id', true) AS tenant`)).rows).toEqual([{ tenant: tenantA }]);
      await client.query('ROLLBACK');
      expect((await client.query(`SELECT current_setting('ade.tenant_id', true) AS tenant`)).rows).toEqual([{ tenant: '' }]);
    } finally {
      await client.end();
    }
  });
});
