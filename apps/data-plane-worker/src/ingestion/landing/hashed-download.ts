import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Downloaded {
  bytes: number;
  sha256: string;
  md5: string;
}

/**
 * Streams a remote file to `target` while hashing it, so a file of any size costs a buffer of
 * memory. On any error the partial file is removed before the error goes on.
 */
export async function downloadHashed(source: Readable, target: string): Promise<Downloaded> {
  await mkdir(dirname(target), { recursive: true });
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  source.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    sha256.update(chunk);
    md5.update(chunk);
  });
  try {
    await pipeline(source, createWriteStream(target));
  } catch (error) {
    await rm(target, { force: true });
    throw error;
  }
  return { bytes, sha256: sha256.digest('hex'), md5: md5.digest('hex') };
}

/** The SHA-256 of a local file, hex, read as a stream. */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
