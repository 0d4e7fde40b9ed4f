import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, S3Client, S3ServiceException, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3ClientOptions, tenantLandingPrefix } from '@ade/config';
import { InvalidFieldError, NotFoundError, UnavailableError } from '../common/app-error';
import { LandingConfig } from '../config/landing.config';
import { partPlan } from './part-plan';

export interface SignedPart {
  partNumber: number;
  url: string;
}

/**
 * Presigned URLs into tenants' landing prefixes: file contents go straight to storage, never
 * through the API. A large file goes up in parts: the control plane starts the multipart upload,
 * signs one URL per part, and completes it when the sender says so; the object exists, and a run
 * can see it, only once it is complete. Parts of an upload never completed stay invisible until
 * the bucket's lifecycle rule (AbortIncompleteMultipartUpload) removes them.
 */
@Injectable()
export class UploadUrlSigner implements OnModuleDestroy {
  private readonly client: S3Client | null;

  constructor(private readonly landing: LandingConfig) {
    this.client = landing.s3 ? new S3Client(s3ClientOptions(landing.s3)) : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** Files above this size go up in parts. */
  get partBytes(): number {
    return this.landing.uploadPartBytes;
  }

  /** A URL that PUTs one object at `path` in the tenant's landing zone until it expires. */
  async sign(tenantId: string, path: string): Promise<{ url: string; expiresAt: Date }> {
    const { client, bucket, key } = this.target(tenantId, path);
    const ttl = this.landing.uploadUrlTtlSeconds;
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: ttl });
    return { url, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Starts a multipart upload of `sizeBytes` at `path` and signs a PUT URL for each of its parts. */
  async signParts(tenantId: string, path: string, sizeBytes: number): Promise<{ uploadId: string; partSize: number; parts: SignedPart[]; expiresAt: Date }> {
    const { client, bucket, key } = this.target(tenantId, path);
    const plan = partPlan(sizeBytes, this.partBytes);
    const started = await this.call(() => client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })));
    const uploadId = started.UploadId!;
    const ttl = this.landing.uploadUrlTtlSeconds;
    const parts: SignedPart[] = [];
    for (let partNumber = 1; partNumber <= plan.count; partNumber += 1) {
      const url = await getSignedUrl(client, new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }), { expiresIn: ttl });
      parts.push({ partNumber, url });
    }
    return { uploadId, partSize: plan.partSize, parts, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  /** Joins the uploaded parts into the object; S3 checks each part's ETag. */
  async complete(tenantId: string, path: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<void> {
    const { client, bucket, key } = this.target(tenantId, path);
    await this.call(() =>
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      ),
    );
  }

  onModuleDestroy(): void {
    this.client?.destroy();
  }

  private target(tenantId: string, path: string): { client: S3Client; bucket: string; key: string } {
    if (!this.client || !this.landing.s3) throw new Error('uploads need LANDING_S3_URL');
    return { client: this.client, bucket: this.landing.s3.bucket, key: `${tenantLandingPrefix(this.landing.s3, tenantId)}${path}` };
  }

  /** The store's refusals as API errors naming the field to fix; the store's own wording (which quotes keys) is not passed on. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'NoSuchUpload') throw new NotFoundError('upload');
      if (name === 'InvalidPart' || name === 'InvalidPartOrder' || name === 'EntityTooSmall') {
        throw new InvalidFieldError('parts', `the store refused the parts (${name}): send every part's number and the ETag its PUT answered, parts before the last at least the part size`);
      }
      const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
      throw new UnavailableError(`the landing store could not take the request (${name || (status ? `HTTP ${status}` : 'network error')}); try again shortly`);
    }
  }
}
