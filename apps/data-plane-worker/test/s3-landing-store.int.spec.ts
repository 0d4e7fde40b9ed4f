import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, type S3LandingLocation } from '@ade/config';
import { makeTempDir } from '@ade/testing';
import { startS3Server, type TestS3Server } from '../../../libs/testing/src/s3-server';
import { S3LandingStore } from '../src/ingestion/landing/s3-landing-store';

const A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const B = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';

describe('S3LandingStore against a real S3-compatible server', () => {
  let s3: TestS3Server;
  let scratch: Awaited<ReturnType<typeof makeTempDir>>;
  let location: S3LandingLocation;
  const store = (changes: Partial<S3LandingLocation> = {}) => new S3LandingStore({ ...location, ...changes });
  const discover = (sourcePath: string, tenantId = A, format: 'csv' | 'x12' = 'csv') => store().discover({ tenantId, sourcePath, format, scratchDir: scratch.path });

  beforeAll(async () => {
    s3 = await startS3Server('landing-store');
    scratch = await makeTempDir('landing-scratch');
    location = { bucket: s3.bucket, prefix: 'ade/', region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: new Secret('S3RVER') } };
    await s3.put(`ade/tenants/${A}/landing/claims/2026-01.csv`, 'claim_id\nC1\n');
    await s3.put(`ade/tenants/${A}/landing/claims/2026-02.CSV`, 'claim_id\nC2\nC3\n');
    await s3.put(`ade/tenants/${A}/landing/claims/notes.md`, '# not a claims file');
    await s3.put(`ade/tenants/${A}/landing/claims/archive/2025-12.csv`, 'claim_id\nC0\n');
    await s3.put(`ade/tenants/${A}/landing/edi/batch.837`, 'ISA*00*~');
    await s3.put(`ade/tenants/${B}/landing/claims/2026-01.csv`, 'claim_id\nSECRET-OF-B\n');
  });
  afterAll(async () => {
    await s3?.close();
    await scratch?.cleanup();
  });

  it("takes a directory's own files of the format, in name order, downloaded and hashed as they stream", async () => {
    const files = await discover('claims');
    expect(files.map((f) => [f.displayPath, f.sizeBytes])).toEqual([
      ['claims/2026-01.csv', 12],
      ['claims/2026-02.CSV', 15],
    ]);
    const content = await readFile(files[0]!.path, 'utf8');
    expect(content).toBe('claim_id\nC1\n');
    expect(files[0]!.contentHash).toBe(createHash('sha256').update(content).digest('hex'));
    expect(files[0]!.path.startsWith(join(scratch.path, 'landing'))).toBe(true);
  });

  it('takes one named file, a file-name pattern, and the X12 extensions', async () => {
    expect((await discover('claims/archive/2025-12.csv')).map((f) => f.displayPath)).toEqual(['claims/archive/2025-12.csv']);
    expect((await discover('claims/2026-0?.*')).map((f) => f.displayPath)).toEqual(['claims/2026-01.csv', 'claims/2026-02.CSV']);
    expect((await discover('edi', A, 'x12')).map((f) => f.displayPath)).toEqual(['edi/batch.837']);
  });

  it("never sees another tenant's files, and says when a source does not exist", async () => {
    expect((await discover('claims', B)).map((f) => f.displayPath)).toEqual(['claims/2026-01.csv']);
    await expect(discover('claims/2027-01.csv')).rejects.toMatchObject({ kind: 'source_not_found', message: 'source file not found: claims/2027-01.csv' });
    await expect(discover('nowhere')).rejects.toMatchObject({ kind: 'source_not_found' });
    await expect(discover('../' + B + '/landing/claims')).rejects.toMatchObject({ kind: 'source_unreadable', message: expect.stringContaining("must not contain '..' segments") });
  });

  it('leaves a file replaced between the listing and its download for the next run, which lands the new one', async () => {
    const key = `ade/tenants/${A}/landing/racing/2026-03.csv`;
    await s3.put(key, 'claim_id\nOLD\n');
    let replaced = false;
    const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    // The sender replaces the file after the run listed it and before the run reads it.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetObjectCommand' && !replaced) {
          replaced = true;
          await s3.put(key, 'claim_id\nNEW\nNEWER\n');
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const racing = new S3LandingStore(location, client);
    expect(await racing.discover({ tenantId: A, sourcePath: 'racing', format: 'csv', scratchDir: scratch.path })).toEqual([]);
    const next = await racing.discover({ tenantId: A, sourcePath: 'racing', format: 'csv', scratchDir: scratch.path });
    expect(await readFile(next[0]!.path, 'utf8')).toBe('claim_id\nNEW\nNEWER\n');
    client.destroy();
  });

  it('reports refused credentials as a configuration failure and an unreachable store as transient, naming no file content', async () => {
    const refused = await store({ credentials: { accessKeyId: 'WRONG', secretAccessKey: new Secret('WRONG') } })
      .discover({ tenantId: A, sourcePath: 'claims', format: 'csv', scratchDir: scratch.path })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'EACCES', message: expect.stringMatching(/^the landing store refused the worker \(.+\): check its bucket and credentials$/) });
    const unreachable = await store({ endpoint: 'http://127.0.0.1:9' })
      .discover({ tenantId: A, sourcePath: 'claims', format: 'csv', scratchDir: scratch.path })
      .catch((error: unknown) => error);
    expect(unreachable).toMatchObject({ code: 'ECONNRESET', message: expect.stringMatching(/^the landing store could not be reached/) });
  });
});
