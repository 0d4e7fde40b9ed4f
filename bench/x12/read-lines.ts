import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The floor an 837 read is compared with, as a process of its own: the same bytes read as text
 * lines (one segment per line in the bench's files) and counted, nothing parsed.
 * Usage: node dist/bench/x12/read-lines.js FILE
 */
async function main(path: string): Promise<void> {
  let lines = 0;
  for await (const line of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (line.length > 0) lines += 1;
  }
  process.stdout.write(`${JSON.stringify({ lines })}\n`);
}

main(process.argv[2]!).catch((error: unknown) => {
  process.stderr.write(`read failed: ${(error as Error).message}\n`);
  process.exit(1);
});
