import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OperationStateError, { OperationStateErrorCode } from '@databricks/sql/dist/errors/OperationStateError';
import StagingError from '@databricks/sql/dist/errors/StagingError';
import { makeTempDir } from '@ade/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSqlDriver, serverError, type FakeSqlSession } from './fake-sql-driver';

let driver: FakeSqlDriver;
let session: FakeSqlSession;

beforeEach(async () => {
  driver = new FakeSqlDriver();
  session = await driver.openSession({ initialCatalog: 'healthcare', configuration: { STATEMENT_TIMEOUT: '300' } });
});

async function rows(sql: string): Promise<object[]> {
  const operation = await session.executeStatement(sql);
  try {
    return await operation.fetchAll();
  } finally {
    await operation.close();
  }
}

describe('sessions', () => {
  it('records sessions with what they were opened with', async () => {
    const second = await driver.openSession();
    expect(driver.sessions.map((s) => s.id)).toEqual(['session-1', 'session-2']);
    expect(session.request).toEqual({ initialCatalog: 'healthcare', configuration: { STATEMENT_TIMEOUT: '300' } });
    expect(second.request).toEqual({});
  });

  it('refuses the next session once when told to', async () => {
    const refusal = new Error('workspace asleep');
    driver.refuseSessions(refusal);
    await expect(driver.openSession()).rejects.toBe(refusal);
    await expect(driver.openSession()).resolves.toMatchObject({ id: 'session-2' });
  });

  it('rejects statements on a closed session as the driver does', async () => {
    await session.close();
    await expect(session.executeStatement('SELECT 1')).rejects.toThrow('The session was closed or has expired');
    expect(driver.statements).toEqual([]);
  });

  it('closing the client closes its sessions and refuses new ones', async () => {
    await driver.close();
    expect(driver.closed).toBe(true);
    expect(session.closed).toBe(true);
    await expect(driver.openSession()).rejects.toThrow('DBSQLClient: not connected');
  });
});

describe('statements', () => {
  it('records each statement with its options and session', async () => {
    await session.executeStatement('SELECT 1', { queryTimeout: 30 });
    expect(driver.statements).toEqual([{ sql: 'SELECT 1', options: { queryTimeout: 30 }, sessionId: 'session-1' }]);
    expect(session.statements).toEqual(driver.statements);
    expect(driver.operations.map((o) => o.sql)).toEqual(['SELECT 1']);
  });

  it('records and rejects a statement the grammar refuses', async () => {
    const sql = 'INSERT INTO `healthcare`.`bronze`.`claims` SELECT 1';
    const error = await session.executeStatement(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Spark SQL grammar refused .*'\.' is not valid/);
    expect(driver.grammarFailures).toEqual([{ sql, sessionId: 'session-1', error }]);
    expect(driver.statements).toEqual([]);
  });
});

describe('answers', () => {
  it('answers unmatched statements with no rows', async () => {
    expect(await rows('SELECT 1')).toEqual([]);
  });

  it('lets the most recently registered matching responder win', async () => {
    driver.answer(/FROM `bronze`/, [{ n: 1 }]);
    driver.answer((sql) => sql.includes('`claims`'), [{ n: 2 }]);
    driver.answer(/FROM `silver`/, [{ n: 3 }]);
    expect(await rows('SELECT count(*) AS n FROM `bronze`.`claims`')).toEqual([{ n: 2 }]);
    expect(await rows('SELECT count(*) AS n FROM `bronze`.`members`')).toEqual([{ n: 1 }]);
  });

  it('gives a reply function the statement, its options and session', async () => {
    driver.answer(/SELECT/, async (sql, options, from) => [{ sql, timeout: options.queryTimeout, session: from.id }]);
    const operation = await session.executeStatement('SELECT 1', { queryTimeout: 5 });
    expect(await operation.fetchAll()).toEqual([{ sql: 'SELECT 1', timeout: 5, session: 'session-1' }]);
  });

  it('rejects executeStatement with an Error reply by default, or fetching with at: fetch', async () => {
    const refused = serverError('[TABLE_OR_VIEW_NOT_FOUND] The table `bronze`.`nope` cannot be found', '42P01');
    driver.answer(/`nope`/, refused);
    await expect(session.executeStatement('SELECT * FROM `bronze`.`nope`')).rejects.toBe(refused);
    expect(refused).toMatchObject({ errorCode: 'ERROR', response: { sqlState: '42P01' } });

    const failed = serverError('[DELTA_CONCURRENT_APPEND] ConcurrentAppendException');
    driver.answer(/MERGE/, failed, { at: 'fetch' });
    const operation = await session.executeStatement(
      "MERGE INTO `_system`.`t` AS t USING (SELECT 'a' AS k) AS s ON t.k = s.k WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)",
    );
    await expect(operation.fetchAll()).rejects.toBe(failed);
    await expect(operation.fetchChunk({ maxRows: 10 })).rejects.toBe(failed);
  });

  it('pages with fetchChunk until hasMoreRows says the result is drained', async () => {
    driver.answer(/FROM `bronze`/, Array.from({ length: 5 }, (_, i) => ({ id: i, name: `row ${i}` })));
    const operation = await session.executeStatement('SELECT id, name FROM `bronze`.`t`');
    const pages: number[][] = [];
    do pages.push((await operation.fetchChunk({ maxRows: 2 })).map((row) => (row as { id: number }).id));
    while (await operation.hasMoreRows());
    expect(pages).toEqual([[0, 1], [2, 3], [4]]);
    expect(await operation.fetchChunk({ maxRows: 2 })).toEqual([]);
  });

  it('refuses to fetch from a closed operation', async () => {
    driver.answer(/SELECT/, [{ a: 1 }]);
    const operation = await session.executeStatement('SELECT 1 AS a');
    await operation.close();
    expect(operation.closed).toBe(true);
    expect(await operation.hasMoreRows()).toBe(false);
    await expect(operation.fetchAll()).rejects.toMatchObject({ errorCode: OperationStateErrorCode.Closed });
  });
});

describe('holds', () => {
  const slow = 'SELECT count(*) AS n FROM `bronze`.`claims`';

  it('keeps a statement running until released', async () => {
    driver.answer(/count/, [{ n: 7 }]);
    const hold = driver.hold(/count/);
    const operation = await session.executeStatement(slow);
    expect(await hold.reached).toBe(operation);
    let fetched: object[] | undefined;
    const fetching = operation.fetchAll().then((r) => (fetched = r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetched).toBeUndefined();
    hold.release();
    await fetching;
    expect(fetched).toEqual([{ n: 7 }]);
  });

  it('rejects a held fetch with CANCELED when the operation is cancelled', async () => {
    driver.hold(/count/);
    const operation = await session.executeStatement(slow);
    const fetching = operation.fetchAll();
    await operation.cancel();
    const error = await fetching.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationStateError);
    expect(error).toMatchObject({ errorCode: OperationStateErrorCode.Canceled, message: 'The operation was canceled by a client' });
    expect(operation.cancelled).toBe(true);
  });

  it('closing the session closes the held operation, which then rejects with CLOSED', async () => {
    const hold = driver.hold(/count/);
    const operation = await session.executeStatement(slow);
    const fetching = operation.fetchChunk({ maxRows: 100 });
    await session.close();
    await expect(fetching).rejects.toMatchObject({ errorCode: OperationStateErrorCode.Closed });
    expect(operation).toMatchObject({ closed: true, cancelled: false });
    hold.release(); // releasing afterwards changes nothing
    await expect(operation.fetchAll()).rejects.toMatchObject({ errorCode: OperationStateErrorCode.Closed });
  });
});

describe('holds and errors', () => {
  it('reports an Error reply to a held statement from fetch: it was already submitted', async () => {
    const failed = serverError('[DELTA_CONCURRENT_APPEND] ConcurrentAppendException');
    driver.answer(/INSERT/, failed);
    const hold = driver.hold(/INSERT/);
    const operation = await session.executeStatement('INSERT INTO `bronze`.`t` SELECT 1');
    hold.release();
    await expect(operation.fetchAll()).rejects.toBe(failed);
  });
});

describe('staging', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const target = '/Volumes/healthcare/_system/staging/upload-1.csv';

  beforeEach(async () => {
    dir = await makeTempDir('fake-sql-driver');
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('uploads a file from an allowed path into the volume, and REMOVE deletes it', async () => {
    const local = join(dir.path, "it's.csv");
    await writeFile(local, 'a,b\n1,2\n');
    const escaped = local.replaceAll("'", "\\'");
    const operation = await session.executeStatement(`PUT '${escaped}' INTO '${target}' OVERWRITE`, { stagingAllowedLocalPath: dir.path });
    expect(await operation.fetchAll()).toEqual([]); // the driver has consumed the staging row
    expect(driver.volume.get(target)?.toString()).toBe('a,b\n1,2\n');

    await session.executeStatement(`REMOVE '${target}'`, { stagingAllowedLocalPath: dir.path });
    expect(driver.volume.has(target)).toBe(false);
    // Removing a missing file is no error: the driver takes the storage's 404 as success.
    await expect(session.executeStatement(`REMOVE '${target}'`, { stagingAllowedLocalPath: dir.path })).resolves.toBeDefined();
  });

  it('refuses a local path outside the allowed paths, as the driver does', async () => {
    const local = join(dir.path, 'x.csv');
    await writeFile(local, 'x');
    const put = `PUT '${local}' INTO '${target}' OVERWRITE`;
    await expect(session.executeStatement(put, { stagingAllowedLocalPath: join(dir.path, 'elsewhere') })).rejects.toThrow(StagingError);
    await expect(session.executeStatement(put, { stagingAllowedLocalPath: [`${dir.path}-sibling`] })).rejects.toThrow(
      'Staging path not a subset of allowed local paths.',
    );
    expect(driver.volume.size).toBe(0);
    await session.executeStatement(put, { stagingAllowedLocalPath: ['/nowhere', dir.path] });
    expect(driver.volume.get(target)?.toString()).toBe('x');
  });

  it('refuses to replace a file without OVERWRITE', async () => {
    const local = join(dir.path, 'x.csv');
    await writeFile(local, 'x');
    await session.executeStatement(`PUT '${local}' INTO '${target}'`, { stagingAllowedLocalPath: dir.path });
    await expect(session.executeStatement(`PUT '${local}' INTO '${target}'`, { stagingAllowedLocalPath: dir.path })).rejects.toMatchObject({
      errorCode: 'ERROR',
    });
  });

  it('moves nothing without stagingAllowedLocalPath: the server row comes back untouched', async () => {
    const local = join(dir.path, 'x.csv');
    await writeFile(local, 'x');
    const operation = await session.executeStatement(`PUT '${local}' INTO '${target}' OVERWRITE`);
    expect(await operation.fetchAll()).toEqual([expect.objectContaining({ operation: 'PUT', localFile: local })]);
    expect(driver.volume.size).toBe(0);
  });

  it('downloads with GET', async () => {
    driver.volume.set(target, Buffer.from('from the volume'));
    const local = join(dir.path, 'out.csv');
    await session.executeStatement(`GET '${target}' TO '${local}'`, { stagingAllowedLocalPath: dir.path });
    expect(await readFile(local, 'utf8')).toBe('from the volume');
  });

  it('holds an upload inside executeStatement, where the driver waits for it', async () => {
    const local = join(dir.path, 'x.csv');
    await writeFile(local, 'x');
    const put = `PUT '${local}' INTO '${target}' OVERWRITE`;
    const hold = driver.hold(/^PUT /);
    let done = false;
    const uploading = session.executeStatement(put, { stagingAllowedLocalPath: dir.path }).then(() => (done = true));
    await hold.reached;
    expect(done).toBe(false);
    expect(driver.volume.size).toBe(0);
    hold.release();
    await uploading;
    expect(driver.volume.get(target)?.toString()).toBe('x');
  });

  it('closing the session stops a held upload before it lands', async () => {
    const local = join(dir.path, 'x.csv');
    await writeFile(local, 'x');
    const hold = driver.hold(/^PUT /);
    const uploading = session.executeStatement(`PUT '${local}' INTO '${target}'`, { stagingAllowedLocalPath: dir.path });
    await hold.reached;
    await session.close();
    await expect(uploading).rejects.toMatchObject({ errorCode: OperationStateErrorCode.Closed });
    hold.release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(driver.volume.size).toBe(0);
  });

  it('lets a responder fail an upload', async () => {
    const denied = serverError('[INSUFFICIENT_PERMISSIONS] User does not have WRITE VOLUME');
    driver.answer(/^PUT /, denied);
    await expect(
      session.executeStatement(`PUT '${join(dir.path, 'x.csv')}' INTO '${target}'`, { stagingAllowedLocalPath: dir.path }),
    ).rejects.toBe(denied);
  });
});
