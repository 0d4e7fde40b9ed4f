import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { repoRoot } from '../support/repo-root';

const FIXTURE = join(repoRoot(), 'libs/healthcare/src/x12/fixtures/837p-two-claims.x12');

export interface X12Batch {
  bytes: number;
  transactionSets: number;
  claims: number;
  lines: number;
}

/**
 * Writes one interchange of `sets` 837P transaction sets (each the fixture's two claims and three
 * lines, with its own control number), one segment per line as trading partners often send them.
 */
export async function writeX12Batch(path: string, sets: number): Promise<X12Batch> {
  const segments = readFileSync(FIXTURE, 'utf8').split('~\n').filter((s) => s.length > 0);
  const st = segments.findIndex((s) => s.startsWith('ST*'));
  const se = segments.findIndex((s) => s.startsWith('SE*'));
  const [isa, gs] = segments;
  const body = segments.slice(st + 1, se).join('~\n');
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${isa}~\n${gs}~\n`);
  for (let n = 1; n <= sets; n += 1) {
    const control = String(n).padStart(9, '0');
    await write(`ST*837*${control}*005010X222A1~\n${body}~\nSE*${se - st + 1}*${control}~\n`);
  }
  await write(`GE*${sets}*101~\nIEA*1*000000101~\n`);
  out.end();
  await finished(out);
  return { bytes, transactionSets: sets, claims: sets * 2, lines: sets * 3 };
}
