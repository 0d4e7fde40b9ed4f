import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { Upload } from '@aws-sdk/lib-storage';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException, type _Object } from '@aws-sdk/client-s3';
import { s3ClientOptions, tenantLandingPrefix, type S3LandingLocation } from '@ade/config';
import { sourcePathProblem } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from '../source-error';
import { sourceSelection } from '../source-files';
import { downloadHashed, type Downloaded } from './hashed-download';
import type { LandingStore } from './landing-store';


/** Parts of a large upload: two in flight bound the memory an upload takes (S3 allows 10,000 parts, so up to 160 GiB). */
const UPLOAD_PART_BYTES = 16 * 1024 * 1024;

/** What the store's own errors say; S3's wording can quote keys, never contents, but is kept out anyway. */
const REFUSED = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'NoSuchBucket', 'AllAccessDisabled']);

export interface S3StoreOptions {
  /**
   * Set for a tenant's own bucket, reached through its connector: source paths resolve under the
   * location's prefix itself, and errors name the connector.
   */
  connectorName?: string;
}

/**
 * Tenants' files in an S3-compatible bucket, under `<prefix>tenants/<id>/landing/`, read with the
 * worker's own credentials (its LANDING_S3_* keys, else the AWS SDK's default chain: environment,
 * profile or instance role), so no secret travels in a job. A listed file is downloaded into the run's scratch space while
 * its SHA-256 streams; it lands only when the bytes match the listing's size and, for a plain
 * upload, its ETag (MD5), and it is read with If-Match, so a file replaced or cut off mid-download
 * is left for the next run instead of landing half.
 */
export class S3LandingStore implements LandingStore {
  private readonly logger = new Logger(S3LandingStore.name);
  private readonly client: S3Client;

  constructor(
    private readonly location: S3LandingLocation,
    client?: S3Client,
    private readonly options: S3StoreOptions = {},
  ) {
    this.client = client ?? new S3Client(s3ClientOptions(location));
  }

  close(): void {
    this.client.destroy();
  }

  async discover({ tenantId, sourcePath, format, scratchDir }: Parameters<LandingStore['discover']>[0]): Promise<SourceFile[]> {
    const problem = sourcePathProblem(sourcePath);
    if (problem) throw new SourceError('source_unreadable', `source path ${problem}: ${sourcePath}`);
    const landing = this.rootFor(tenantId);
    const selection = sourceSelection(sourcePath, format);
    const named = selection.pattern ? null : await this.head(landing + posix.normalize(sourcePath));
    const objects = named
      ? [{ ...named, displayPath: posix.normalize(sourcePath) }]
      : (await this.children(landing, selection.directory)).filter((o) => selection.accepts(posix.basename(o.displayPath)));
    if (objects.length === 0 && !selection.pattern && !(await this.hasChildren(landing, selection.directory))) {
      throw new SourceError('source_not_found', `source file not found: ${sourcePath}`);
    }
    const files: SourceFile[] = [];
    for (const object of objects.sort((a, b) => a.displayPath.localeCompare(b.displayPath))) {
      const file = await this.download(object, join(scratchDir, 'landing', object.displayPath));
      if (file) files.push(file);
    }
    return files;
  }

  /** The files directly under a connector's prefix (or a tenant's landing zone), by name, without downloading them. */
  async list(tenantId = ''): Promise<Array<{ name: string; sizeBytes: number }>> {
    const objects = await this.children(this.rootFor(tenantId), '.');
    return objects.map((o) => ({ name: o.displayPath, sizeBytes: o.size })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Writes a local file below the root, in parts when it is large, so any size streams with flat memory. */
  async upload(localPath: string, relativePath: string, tenantId = ''): Promise<void> {
    const problem = sourcePathProblem(relativePath);
    if (problem) throw new SourceError('source_unreadable', `target path ${problem}: ${relativePath}`);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.location.bucket, Key: this.rootFor(tenantId) + posix.normalize(relativePath), Body: createReadStream(localPath) },
      partSize: UPLOAD_PART_BYTES,
      queueSize: 2,
    });
    await upload.done().catch((error: unknown) => {
      throw this.storeError(error);
    });
  }

  private rootFor(tenantId: string): string {
    return this.options.connectorName === undefined ? tenantLandingPrefix(this.location, tenantId) : this.location.prefix;
  }

  private async head(key: string): Promise<ListedObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.location.bucket, Key: key }));
      return { key, size: head.ContentLength ?? 0, etag: head.ETag ?? null, lastModified: head.LastModified ?? new Date(0) };
    } catch (error) {
      if (error instanceof S3ServiceException && (error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)) return null;
      throw this.storeError(error);
    }
  }

  /** The files directly in a directory of the landing prefix (not in its sub-directories), every page. */
  private async children(landing: string, directory: string): Promise<Array<ListedObject & { displayPath: string }>> {
    const prefix = directory === '.' || directory === '' ? landing : `${landing}${posix.normalize(directory).replace(/\/$/, '')}/`;
    const found: Array<ListedObject & { displayPath: string }> = [];
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }))
        .catch((error: unknown) => {
          throw this.storeError(error);
        });
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        found.push({ ...listed(object), displayPath: object.Key.slice(landing.length) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  private async hasChildren(landing: string, directory: string): Promise<boolean> {
    const prefix = `${landing}${posix.normalize(directory).replace(/\/$/, '')}/`;
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: prefix, MaxKeys: 1 })).catch((error: unknown) => {
      throw this.storeError(error);
    });
    return (page.KeyCount ?? 0) > 0;
  }

  /** The object as a local file, or null (and a log line) when it changed or came short while downloading. */
  private async download(object: ListedObject & { displayPath: string }, target: string): Promise<SourceFile | null> {
    let downloaded: Downloaded;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: object.key, ...(object.etag && { IfMatch: object.etag }) }));
      downloaded = await downloadHashed(response.Body as Readable, target);
    } catch (error) {
      await rm(target, { force: true });
      if (error instanceof S3ServiceException && (error.name === 'PreconditionFailed' || error.$metadata.httpStatusCode === 412)) {
        this.logger.warn({ msg: 'landing file changed while the run listed it; left for the next run', file: object.displayPath });
        return null;
      }
      throw this.storeError(error);
    }
    const plainEtag = object.etag && !object.etag.includes('-') ? object.etag.replaceAll('"', '') : null;
    if (downloaded.bytes !== object.size || (plainEtag !== null && plainEtag !== downloaded.md5)) {
      await rm(target, { force: true });
      this.logger.warn({ msg: 'landing file came short or changed while downloading; left for the next run', file: object.displayPath });
      return null;
    }
    return { path: target, displayPath: object.displayPath, sizeBytes: downloaded.bytes, modifiedAt: object.lastModified, contentHash: downloaded.sha256 };
  }

  /** A refusal (credentials, bucket) is configuration; anything else (network, 5xx) is transient. */
  private storeError(error: unknown): Error {
    if (error instanceof SourceError) return error;
    const name = error instanceof Error ? error.name : '';
    const refused = REFUSED.has(name) || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 403);
    const connector = this.options.connectorName;
    if (connector !== undefined) {
      return refused
        ? new SourceError('connector_refused', `connector '${connector}': the bucket refused the connector's credentials (${name || 'HTTP 403'})`)
        : new SourceError('transient', `connector '${connector}': the bucket could not be reached (${name || 'network error'})`);
    }
    if (refused) return Object.assign(new Error(`the landing store refused the worker (${name || 'HTTP 403'}): check its bucket and credentials`), { code: 'EACCES' });
    return Object.assign(new Error(`the landing store could not be reached (${name || 'network error'})`), { code: 'ECONNRESET' });
  }
}

interface ListedObject {
  key: string;
  size: number;
  etag: string | null;
  lastModified: Date;
}

function listed(object: _Object): ListedObject {
  return { key: object.Key!, size: object.Size ?? 0, etag: object.ETag ?? null, lastModified: object.LastModified ?? new Date(0) };
}
