import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeX12AsNdjson, X12Error } from '@ade/healthcare';
import type { DataType } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from './source-error';

export interface StagedFile {
  file: SourceFile;
  cleanup: () => Promise<void>;
  /** For an X12 file some of whose transaction sets were rejected (the rest land): why, without a claim's values. */
  rejected?: string;
}

/**
 * The engine reads rows, not EDI: an X12 file is parsed into canonical rows (claim lines, an
 * 834's enrollment, an 835's payments) and written as NDJSON in the worker's own scratch space, then landed under the
 * original file's name and hash (so checkpoints still recognise the delivery). The scratch copy
 * holds PHI and lives only as long as the ingest. Envelope counts or control numbers that disagree
 * do not stop the rows landing; a broken transaction set is rejected and the others land, the
 * rejection said in `rejected`.
 */
export async function stageX12(file: SourceFile, scratchDir: string, dataType: DataType): Promise<StagedFile> {
  await mkdir(scratchDir, { recursive: true });
  const staged = join(scratchDir, `${file.contentHash}.ndjson`);
  const cleanup = () => rm(staged, { force: true });
  try {
    const batch = await writeX12AsNdjson(file.path, staged);
    if (batch.dataType !== dataType) {
      throw new SourceError('source_unreadable', `${file.displayPath} is an ${batch.transaction} interchange (${batch.dataType}); this pipeline carries ${dataType}`);
    }
    const firstError = batch.findings.find((finding) => finding.severity === 'error');
    if (firstError) {
      const { accepted, rejected } = batch.transactionSets;
      return {
        file: { ...file, path: staged },
        cleanup,
        rejected: `${file.displayPath}: ${rejected} of ${accepted + rejected} X12 transaction sets rejected, the others landed; the first: ${firstError.message}`,
      };
    }
  } catch (error) {
    await cleanup();
    if (error instanceof SourceError) throw error;
    if (error instanceof X12Error) {
      throw new SourceError('source_unreadable', `${file.displayPath} is not a valid X12 file: ${error.message}`);
    }
    throw error;
  }
  return { file: { ...file, path: staged }, cleanup };
}
