import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { locationFromEnv } from './s3-env';

/** The baseline: the same object copied to a local file by the same client, nothing else. */
async function main(): Promise<void> {
  const [key, target] = process.argv.slice(2) as [string, string];
  const location = locationFromEnv();
  const client = new S3Client({ region: location.region, endpoint: location.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  const response = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: key }));
  await pipeline(response.Body as Readable, createWriteStream(target));
  client.destroy();
  process.stdout.write(JSON.stringify({ bytes: response.ContentLength }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
