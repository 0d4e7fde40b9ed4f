import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { makeTempDir } from './temp-dir';

// Not re-exported from the index: only the suites that need an S3 server load it (and s3rver, a dev dependency).

/** The keys the local server accepts (s3rver's fixed test credentials; nothing real). */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  client: S3Client;
  put(key: string, body: string | Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Worker settings that read tenants' files from this server's bucket. */
  workerEnv(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

/** A real S3-compatible server (s3rver) on a free loopback port, its objects in a temp directory, with one bucket. */
export async function startS3Server(label: string, bucket = 'ade-landing'): Promise<TestS3Server> {
  const dir = await makeTempDir(`s3-${label}`);
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir.path });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver predates the SDK's default aws-chunked checksum uploads, which it would store verbatim.
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3_TEST_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    client,
    put: async (key, body) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))),
    get: async (key) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray()),
    workerEnv: (prefix = '') => ({
      LANDING_S3_URL: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      LANDING_S3_ENDPOINT: endpoint,
      LANDING_S3_FORCE_PATH_STYLE: 'true',
      LANDING_S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      LANDING_S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    }),
    close: async () => {
      client.destroy();
      await server.close();
      await dir.cleanup();
    },
  };
}
