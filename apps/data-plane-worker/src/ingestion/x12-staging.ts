import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeX12AsNdjson, X12Error } from '@ade/healthcare';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from './source-error';

export interface StagedFile {
  file: SourceFile;
  cleanup: () => Promise<void>;
}

/**
 * The engine reads rows, not EDI: an 837 interchange is parsed into canonical claim lines and
 * written as NDJSON in the worker's own scratch space, then landed under the original file's name
 * and hash (so checkpoints still recognise the delivery). The scratch copy holds PHI and lives
 * only as long as the ingest.
 */
export async function stageX12(file: SourceFile, scratchDir: string): Promise<StagedFile> {
  await mkdir(scratchDir, { recursive: true });
  const staged = join(scratchDir, `${file.contentHash}.ndjson`);
  const cleanup = () => rm(staged, { force: true });
  try {
    await writeX12AsNdjson(file.path, staged);
  } catch (error) {
    await cleanup();
    if (error instanceof X12Error) {
      throw new SourceError('source_unreadable', `${file.displayPath} is not a valid X12 837 interchange: ${error.message}`);
    }
    throw error;
  }
  return { file: { ...file, path: staged }, cleanup };
}
