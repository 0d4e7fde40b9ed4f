import { randomUUID } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { landingPath, sqlString } from './spark-sql';
import type { StatementRunner } from './statement-runner';

/**
 * A worker's local file, uploaded to the catalog's landing volume for `read_files` to read and
 * removed again however the work ends. The upload is the driver's staging PUT: the file travels
 * from this process straight to cloud storage over a presigned URL, never through the warehouse.
 */
export async function withStagedFile<T>(
  runner: StatementRunner,
  catalogName: string,
  localPath: string,
  work: (volumePath: string) => Promise<T>,
): Promise<T> {
  // A folder per staging, so two sessions staging files of one name never overwrite each other.
  const volumePath = landingPath(catalogName, randomUUID(), basename(localPath));
  await runner.rows(`PUT ${sqlString(localPath)} INTO ${sqlString(volumePath)} OVERWRITE`, { stagingAllowedLocalPath: dirname(localPath) });
  try {
    return await work(volumePath);
  } finally {
    await runner.rows(`REMOVE ${sqlString(volumePath)}`, { stagingAllowedLocalPath: dirname(localPath) }).catch(() => undefined);
  }
}
