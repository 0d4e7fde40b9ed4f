import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '@ade/testing';
import { SourceError } from './source-error';
import { discoverSourceFiles, landingZone } from './source-files';

describe('discoverSourceFiles', () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let landingOfA: string;
  let landingOfB: string;

  beforeEach(async () => {
    dir = await makeTempDir('sources');
    landingOfA = landingZone(dir.path, '1b4e28ba-2fa1-41d2-883f-0016d3cca427');
    landingOfB = landingZone(dir.path, '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b');
    await mkdir(join(landingOfA, 'claims'), { recursive: true });
    await mkdir(landingOfB, { recursive: true });
    await writeFile(join(landingOfA, 'claims', 'b.csv'), 'x\n1\n');
    await writeFile(join(landingOfA, 'claims', 'a.csv'), 'x\n2\n');
    await writeFile(join(landingOfA, 'claims', 'notes.md'), '# not data');
    await writeFile(join(landingOfB, 'secret.csv'), 'x\n3\n');
  });
  afterEach(() => dir.cleanup());

  it('lists a directory in name order, keeping only files of the format, with their hashes', async () => {
    const files = await discoverSourceFiles(landingOfA, 'claims', 'csv');
    expect(files.map((f) => f.displayPath)).toEqual(['claims/a.csv', 'claims/b.csv']);
    expect(files[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(files[0]!.sizeBytes).toBe(4);
  });

  it("refuses an absolute path, even to a real file", async () => {
    await expect(discoverSourceFiles(landingOfA, join(landingOfB, 'secret.csv'), 'csv')).rejects.toMatchObject({ kind: 'source_unreadable' });
  });

  it('refuses a climb out of the landing zone', async () => {
    const climb = '../../6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b/landing/secret.csv';
    await expect(discoverSourceFiles(landingOfA, climb, 'csv')).rejects.toMatchObject({ kind: 'source_unreadable' });
  });

  it("refuses a symlink that leads into another tenant's landing zone", async () => {
    await symlink(landingOfB, join(landingOfA, 'sneaky'));
    await expect(discoverSourceFiles(landingOfA, 'sneaky/secret.csv', 'csv')).rejects.toThrowError(
      new SourceError('source_unreadable', "source path leads outside the tenant's landing zone: sneaky/secret.csv"),
    );
  });

  it('matches a wildcard in the file name, and only there', async () => {
    expect((await discoverSourceFiles(landingOfA, 'claims/?.csv', 'csv')).map((f) => f.displayPath)).toEqual(['claims/a.csv', 'claims/b.csv']);
    expect((await discoverSourceFiles(landingOfA, 'claims/b*', 'csv')).map((f) => f.displayPath)).toEqual(['claims/b.csv']);
    expect((await discoverSourceFiles(landingOfA, 'claims/*.md', 'csv')).map((f) => f.displayPath)).toEqual(['claims/notes.md']);
    expect(await discoverSourceFiles(landingOfA, 'claims/z*.csv', 'csv')).toEqual([]);
    await expect(discoverSourceFiles(landingOfA, 'c*/a.csv', 'csv')).rejects.toMatchObject({ kind: 'source_not_found' });
  });

  it('reports a missing file as source_not_found', async () => {
    await expect(discoverSourceFiles(landingOfA, 'claims/none.csv', 'csv')).rejects.toMatchObject({ kind: 'source_not_found' });
  });
});
