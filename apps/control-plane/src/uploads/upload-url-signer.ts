import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3ClientOptions, tenantLandingPrefix } from '@ade/config';
import { LandingConfig } from '../config/landing.config';

/** Presigned PUT URLs into tenants' landing prefixes: file contents go straight to storage, never through the API. */
@Injectable()
export class UploadUrlSigner implements OnModuleDestroy {
  private readonly client: S3Client | null;

  constructor(private readonly landing: LandingConfig) {
    this.client = landing.s3 ? new S3Client(s3ClientOptions(landing.s3)) : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** A URL that PUTs one object at `path` in the tenant's landing zone until it expires. */
  async sign(tenantId: string, path: string): Promise<{ url: string; expiresAt: Date }> {
    if (!this.client || !this.landing.s3) throw new Error('uploads need LANDING_S3_URL');
    const key = `${tenantLandingPrefix(this.landing.s3, tenantId)}${path}`;
    const ttl = this.landing.uploadUrlTtlSeconds;
    const url = await getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.landing.s3.bucket, Key: key }), { expiresIn: ttl });
    return { url, expiresAt: new Date(Date.now() + ttl * 1000) };
  }

  onModuleDestroy(): void {
    this.client?.destroy();
  }
}
