import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ContractViolation } from '@ade/contracts';
import { LakehouseError } from '../errors';
import type { SourceFile } from '../lakehouse.port';

/** Both engines' readers (read_csv, read_files) expand these as a glob, which could read other files than the one named. */
const GLOB_CHARACTERS = /[*?[]/;

/** Checked before any SQL runs, so the common failures get clear messages. */
export async function assertReadableSource(file: Pick<SourceFile, 'path' | 'displayPath'>): Promise<void> {
  const name = `'${file.displayPath}'`;
  if (!isAbsolute(file.path)) throw new ContractViolation(`source path of ${name} must be absolute`);
  if (GLOB_CHARACTERS.test(file.path)) {
    throw new LakehouseError('source_unreadable', `source file ${name} has *, ? or [ in its path, which the engine reads as a pattern; rename it`);
  }
  try {
    const stats = await stat(file.path);
    if (!stats.isFile()) throw new LakehouseError('source_not_found', `source ${name} is not a file`);
    // The CSV sniffer would read an empty file as one column named "column0" and create that table.
    if (stats.size === 0) throw new LakehouseError('source_unreadable', `source file ${name} is empty`);
  } catch (error) {
    if (error instanceof LakehouseError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new LakehouseError('source_not_found', `source file ${name} was not found`);
    throw new LakehouseError('source_unreadable', `source file ${name} could not be opened (${code ?? 'unknown error'})`);
  }
}
