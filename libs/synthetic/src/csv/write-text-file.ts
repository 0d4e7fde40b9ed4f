import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { TextSink } from './chunked-text-writer';

/**
 * Creates or replaces `path` and hands it to `produce` as a sink; resolves once the file is
 * flushed and closed. On failure the stream is destroyed, never left open.
 */
export async function writeTextFile<T>(path: string, produce: (out: TextSink) => Promise<T>): Promise<T> {
  const file = createWriteStream(path, { encoding: 'utf8' });
  try {
    const result = await produce(file);
    file.end();
    await finished(file);
    return result;
  } catch (error) {
    file.destroy();
    throw error;
  }
}
