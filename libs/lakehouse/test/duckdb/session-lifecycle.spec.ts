import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catalogFilePath, DuckDbLakehouse } from '@ade/lakehouse';
import { eventually, makeTempDir } from '@ade/testing';
import { bronzeRequest, CLAIM_HEADER, claimRows, csv, holdFileInOtherProcess, landFile, locatorFor } from './fixtures';

describe('catalog sessions: idle close, quarantine records, reduced parallelism', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let lakehouse: DuckDbLakehouse;
  const dataDir = () => join(temp.path, 'data');
  /** Polls until another process can open the catalog file, i.e. this lakehouse has let go of it. */
  const holdOnceReleased = (locator: ReturnType<typeof locatorFor>, sql?: string) =>
    eventually(
      () => holdFileInOtherProcess(catalogFilePath(dataDir(), locator), sql).catch(() => null),
      (holder) => holder !== null,
      { what: `catalog file of tenant ${locator.tenantId} to be released`, timeoutMs: 10_000, intervalMs: 20 },
    ).then((holder) => holder!);

  beforeEach(async () => {
    temp = await makeTempDir('lifecycle');
    lakehouse = new DuckDbLakehouse({ dataDir: dataDir(), idleCloseMs: 50 });
  });
  afterEach(async () => {
    await lakehouse.shutdown();
    await temp.cleanup();
  });

  it('releases an idle tenant catalog so another process can use it, and reopens it after', async () => {
    const locator = locatorFor();
    await lakehouse.provision(locator);
    const session = await lakehouse.open(locator);
    await session.close();

    const holder = await holdOnceReleased(locator, 'SELECT count(*)::INTEGER AS n FROM _system.catalog_info');
    expect(holder.rows).toEqual([{ n: 1 }]);
    await expect(lakehouse.open(locator)).rejects.toMatchObject({ kind: 'catalog_unavailable' });
    await holder.release();

    const reopened = await lakehouse.open(locator);
    expect(await reopened.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await reopened.close();
  });

  it('keeps a catalog open while any of its sessions is', async () => {
    const locator = locatorFor();
    const other = locatorFor();
    await lakehouse.provision(locator);
    await lakehouse.provision(other);
    const first = await lakehouse.open(locator);
    const second = await lakehouse.open(locator);
    const otherSession = await lakehouse.open(other);
    await first.close();
    // Another tenant's last session, closed after `first`: its idle close is timed after any that
    // closing `first` might (wrongly) have started, with the same delay. Once its file is free,
    // `locator` has had every chance to be closed too.
    await otherSession.close();
    await (await holdOnceReleased(other)).release();

    const intruder = await holdFileInOtherProcess(catalogFilePath(dataDir(), locator)).catch((error: Error) => error);
    if (!(intruder instanceof Error)) await intruder.release();
    expect(intruder, 'another process could open the catalog of a tenant with an open session').toBeInstanceOf(Error);
    expect((intruder as Error).message).toMatch(/lock/i);
    expect(await second.query('SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
    await second.close();
  });

  it('records quarantined deliveries once and lists them per pipeline', async () => {
    const locator = locatorFor();
    await lakehouse.provision(locator);
    const session = await lakehouse.open(locator);
    const file = await landFile(temp.path, 'in/bad.csv', csv(CLAIM_HEADER, claimRows(1)));
    const entry = { pipelineId: 'p1', runId: 'r1', file, reason: "source file 'in/bad.csv' could not be read" };
    await session.quarantineFile(entry);
    await session.quarantineFile({ ...entry, runId: 'r2' });
    const listed = await session.quarantinedFiles('p1');
    expect(listed.map(({ quarantinedAt: _at, ...rest }) => rest)).toEqual([
      { sourceFile: 'in/bad.csv', contentHash: file.contentHash, runId: 'r1', reason: entry.reason },
    ]);
    expect(await session.quarantinedFiles('p2')).toEqual([]);
    await session.close();
  });

  it('ingests with reduced parallelism, finds the checkpoint, and restores the setting when the session closes', async () => {
    const locator = locatorFor();
    await lakehouse.provision(locator);
    const session = await lakehouse.open(locator);
    const threads = async (s: typeof session) => Number((await s.query<{ t: string }>("SELECT current_setting('threads') AS t"))[0]!.t);
    const before = await threads(session);
    await session.reduceParallelism();
    expect(await threads(session)).toBe(1);
    const file = await landFile(temp.path, 'in/claims.csv', csv(CLAIM_HEADER, claimRows(50)));
    const request = bronzeRequest(file);
    expect(await session.ingestBronze(request)).toEqual({ outcome: 'loaded', rows: 50 });
    const { pipelineId, runId } = request;
    expect(await session.findCheckpoint(pipelineId, file)).toEqual({ rows: 50, byRunId: runId });
    expect(await session.findCheckpoint(pipelineId, { ...file, contentHash: 'f'.repeat(64) })).toBeNull();
    expect(await session.findCheckpoint('another-pipeline', file)).toBeNull();
    await session.close();
    const next = await lakehouse.open(locator);
    expect(await threads(next)).toBe(before);
    await next.close();
  });
});
