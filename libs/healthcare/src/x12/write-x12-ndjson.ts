import { readFile, writeFile } from 'node:fs/promises';
import { parse837 } from './parse-837';
import type { X12ClaimBatch } from './x12-claim-batch';

/**
 * Reads an 837 file and writes its rows as NDJSON (one JSON object per line, every value a string
 * or null), returning the batch summary.
 *
 * Memory: the whole interchange is read and parsed at once. node-x12 builds its object model of
 * every segment and we hold every row before writing, so peak memory is several times the file
 * size. That suits the interchanges trading partners send (5010 batches are usually capped at
 * 5,000 claims per ST); a multi-GB file needs node-x12's stream parser and a per-ST flush instead.
 */
export async function writeX12AsNdjson(inputPath: string, outputPath: string): Promise<Omit<X12ClaimBatch, 'rows'>> {
  const text = await readFile(inputPath, 'utf8');
  const { rows, ...summary } = parse837(text);
  const ndjson = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  await writeFile(outputPath, ndjson, 'utf8');
  return summary;
}
