import { rename, writeFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import type { BeforeIngestCommit } from '@ade/lakehouse';

/**
 * TEST ONLY, behind WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT (never set in production; unset, this
 * returns nothing and no ingest is touched). Crash tests need to kill a worker while a write to a
 * tenant's catalog is provably in progress: this stops every bronze ingest inside its
 * transaction, after its rows and checkpoint are written and before COMMIT, announces that in
 * `markerPath` as JSON (written whole, then renamed into place) and waits until the process is killed.
 */
export function testPauseBeforeIngestCommit(markerPath: string | undefined): BeforeIngestCommit | undefined {
  if (markerPath === undefined) return undefined;
  new Logger('LakehouseModule').warn({ msg: 'TEST ONLY: every ingest pauses before its COMMIT (WORKER_TEST_PAUSE_BEFORE_INGEST_COMMIT)', markerPath });
  return async (ingest) => {
    const temporary = `${markerPath}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ pid: process.pid, ...ingest }));
    await rename(temporary, markerPath);
    await new Promise<never>(() => undefined);
  };
}
