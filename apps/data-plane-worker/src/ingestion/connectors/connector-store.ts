import { Secret } from '@ade/config';
import type { ConnectorCredentials } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import type { LandingStore } from '../landing/landing-store';
import { S3LandingStore } from '../landing/s3-landing-store';
import { SftpLandingStore } from '../landing/sftp-landing-store';

/** A connector's files as a landing store, and what to do with them once a run has landed them. */
export interface ConnectorStore extends LandingStore {
  /** Lists the files of the connector's root a check reports (name order). */
  list(): Promise<Array<{ name: string; sizeBytes: number }>>;
  /** Writes a local file at a path below the connector's root (an export), whole or not at all. */
  upload(localPath: string, relativePath: string): Promise<void>;
  /** After a successful run: moves landed files to the connector's archive, where it has one. */
  settle(files: readonly SourceFile[]): Promise<void>;
  close(): void;
}

/** The store for a connector's credentials; `pipelineName` is named when the server's identity is refused. */
export function connectorStore(credentials: ConnectorCredentials, pipelineName?: string): ConnectorStore {
  if (credentials.kind === 'sftp') {
    const store = new SftpLandingStore({ name: credentials.name, settings: credentials.settings, secret: credentials.secret, ...(pipelineName && { pipelineName }) });
    return {
      discover: (request) => store.discover(request),
      list: () => store.list(),
      upload: (localPath, relativePath) => store.upload(localPath, relativePath),
      settle: (files) => store.archive(files),
      close: () => undefined,
    };
  }
  const { settings, secret } = credentials;
  const store = new S3LandingStore(
    {
      bucket: settings.bucket,
      prefix: settings.prefix,
      region: settings.region,
      ...(settings.endpoint && { endpoint: settings.endpoint }),
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: secret.accessKeyId, secretAccessKey: new Secret(secret.secretAccessKey) },
    },
    undefined,
    { connectorName: credentials.name },
  );
  return {
    discover: (request) => store.discover(request),
    list: () => store.list(),
    upload: (localPath, relativePath) => store.upload(localPath, relativePath),
    settle: async () => undefined,
    close: () => store.close(),
  };
}
