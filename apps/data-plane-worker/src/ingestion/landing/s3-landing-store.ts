import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException, type _Object } from '@aws-sdk/client-s3';
import { s3ClientOptions, tenantLandingPrefix, type S3LandingLocation } from '@ade/config';
import { sourcePathProblem } from '@ade/contracts';
import type { SourceFile } from '@ade/lakehouse';
import { SourceError } from '../source-error';
import { sourceSelection } from '../source-files';
import type { LandingStore } from './landing-store';


/** What the store's own errors say; S3's wording can quote keys, never contents, but is kept out anyway. */
const REFUSED = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'NoSuchBucket', 'AllAccessDisabled']);

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
  ) {
    this.client = client ?? new S3Client(s3ClientOptions(location));
  }

  async discover({ tenantId, sourcePath, format, scratchDir }: Parameters<LandingStore['discover']>[0]): Promise<SourceFile[]> {
    const problem = sourcePathProblem(sourcePath);
    if (problem) throw new SourceError('source_unreadable', `source path ${problem}: ${sourcePath}`);
    const landing = tenantLandingPrefix(this.location, tenantId);
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
    await mkdir(dirname(target), { recursive: true });
    const sha256 = createHash('sha256');
    const md5 = createHash('md5');
    let bytes = 0;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: object.key, ...(object.etag && { IfMatch: object.etag }) }));
      const body = response.Body as Readable;
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        sha256.update(chunk);
        md5.update(chunk);
      });
      await pipeline(body, createWriteStream(target));
    } catch (error) {
      await rm(target, { force: true });
      if (error instanceof S3ServiceException && (error.name === 'PreconditionFailed' || error.$metadata.httpStatusCode === 412)) {
        this.logger.warn({ msg: 'landing file changed while the run listed it; left for the next run', file: object.displayPath });
        return null;
      }
      throw this.storeError(error);
    }
    const plainEtag = object.etag && !object.etag.includes('-') ? object.etag.replaceAll('"', '') : null;
    if (bytes !== object.size || (plainEtag !== null && plainEtag !== md5.digest('hex'))) {
      await rm(target, { force: true });
      this.logger.warn({ msg: 'landing file came short or changed while downloading; left for the next run', file: object.displayPath });
      return null;
    }
    return { path: target, displayPath: object.displayPath, sizeBytes: bytes, modifiedAt: object.lastModified, contentHash: sha256.digest('hex') };
  }

  /** A refusal (credentials, bucket) is configuration; anything else (network, 5xx) is transient. */
  private storeError(error: unknown): Error {
    if (error instanceof SourceError) return error;
    const name = error instanceof Error ? error.name : '';
    if (REFUSED.has(name) || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 403)) {
      return Object.assign(new Error(`the landing store refused the worker (${name || 'HTTP 403'}): check its bucket and credentials`), { code: 'EACCES' });
    }
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
