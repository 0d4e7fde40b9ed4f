import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { X12Reader, type X12BatchSummary } from './x12-reader';
import type { X12ClaimRow } from './x12-claim-batch';

/**
 * Reads an X12 file (837, 834) as a stream and writes its rows as NDJSON (one JSON object per line, every
 * value a string or null) as each transaction set completes, returning the batch summary. Memory
 * holds one transaction set and its rows at a time, whatever the size of the file. Throws
 * X12Error, leaving no output, when no transaction set could be read.
 */
export async function writeX12AsNdjson(inputPath: string, outputPath: string): Promise<X12BatchSummary> {
  const output = createWriteStream(outputPath, { encoding: 'utf8' });
  let pending: X12ClaimRow[] = [];
  const reader = new X12Reader((rows) => pending.push(...rows));
  try {
    for await (const chunk of createReadStream(inputPath, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      reader.push(chunk as string);
      await drain(output, pending);
      pending = [];
    }
    const summary = reader.end();
    await drain(output, pending);
    output.end();
    await finished(output);
    return summary;
  } catch (error) {
    // No half-written file: a file none of whose sets could be read leaves nothing behind.
    output.destroy();
    await rm(outputPath, { force: true });
    throw error;
  }
}

async function drain(output: WriteStream, rows: readonly X12ClaimRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (!output.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''))) await once(output, 'drain');
}
