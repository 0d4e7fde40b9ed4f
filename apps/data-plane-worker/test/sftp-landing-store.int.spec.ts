import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SftpSettings } from '@ade/contracts';
import { makeTempDir, startTcpProxy, type TcpProxy } from '@ade/testing';
import { startSftpServer, type TestSftpServer } from '../../../libs/testing/src/sftp-server';
import { SftpLandingStore, type SftpConnector } from '../src/ingestion/landing/sftp-landing-store';

describe('SftpLandingStore against a real OpenSSH server', () => {
  let sftp: TestSftpServer;
  let scratch: Awaited<ReturnType<typeof makeTempDir>>;
  const connector = (settings: Partial<SftpSettings> = {}, secret?: SftpConnector['secret']): SftpConnector => ({
    name: 'clearinghouse',
    pipelineName: 'inbound-837',
    settings: { host: sftp.host, port: sftp.port, username: sftp.username, directory: sftp.directory, hostKeyFingerprint: sftp.hostKeyFingerprint, archiveDirectory: null, ...settings },
    secret: secret ?? { privateKey: sftp.privateKey },
  });
  const discover = (sourcePath: string, store = new SftpLandingStore(connector()), format: 'csv' | 'x12' = 'csv') =>
    store.discover({ tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', sourcePath, format, scratchDir: scratch.path });

  beforeAll(async () => {
    sftp = await startSftpServer('store');
    scratch = await makeTempDir('sftp-scratch');
    await sftp.put('claims/2026-01.csv', 'claim_id\nC1\n');
    await sftp.put('claims/2026-02.CSV', 'claim_id\nC2\nC3\n');
    await sftp.put('claims/notes.md', '# not a claims file');
    await sftp.put('claims/archive/2025-12.csv', 'claim_id\nC0\n');
    await sftp.put('edi/batch.837', 'ISA*00*~');
  });
  afterAll(async () => {
    await sftp?.close();
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

  it('takes one named file, a file-name pattern, and the X12 extensions; lists the root for a check', async () => {
    expect((await discover('claims/archive/2025-12.csv')).map((f) => f.displayPath)).toEqual(['claims/archive/2025-12.csv']);
    expect((await discover('claims/2026-0?.*')).map((f) => f.displayPath)).toEqual(['claims/2026-01.csv', 'claims/2026-02.CSV']);
    expect((await discover('edi', undefined, 'x12')).map((f) => f.displayPath)).toEqual(['edi/batch.837']);
    expect(await discover('claims/2027-*.csv')).toEqual([]);
    expect(await new SftpLandingStore(connector({ directory: `${sftp.directory}/claims` })).list()).toEqual([
      { name: '2026-01.csv', sizeBytes: 12 },
      { name: '2026-02.CSV', sizeBytes: 15 },
      { name: 'notes.md', sizeBytes: 19 },
    ]);
  });

  it('reads nothing outside the connector directory, and says when a source does not exist', async () => {
    const inner = new SftpLandingStore(connector({ directory: `${sftp.directory}/claims` }));
    await expect(discover('../edi', inner)).rejects.toMatchObject({ kind: 'source_unreadable', message: expect.stringContaining("must not contain '..' segments") });
    await expect(discover('/etc/passwd', inner)).rejects.toMatchObject({ kind: 'source_unreadable' });
    await expect(discover('claims/2027-01.csv')).rejects.toMatchObject({ kind: 'source_not_found', message: 'source file not found: claims/2027-01.csv' });
    await expect(discover('nowhere')).rejects.toMatchObject({ kind: 'source_not_found' });
  });

  it('never logs in to a server whose host key is not the pinned one, naming the pipeline and both keys', async () => {
    const wrong = new SftpLandingStore(connector({ hostKeyFingerprint: sftp.otherFingerprint }));
    const refusal = discover('claims', wrong);
    await expect(refusal).rejects.toMatchObject({
      kind: 'connector_refused',
      message: `pipeline 'inbound-837': connector 'clearinghouse': the SFTP server 127.0.0.1:${sftp.port} presented host key ${sftp.hostKeyFingerprint}, not the pinned ${sftp.otherFingerprint}; not connecting`,
    });
  });

  it('turns a refused login into a configuration failure naming the connector and user, never the key', async () => {
    const error = await discover('claims', new SftpLandingStore(connector({}, { privateKey: sftp.strangerKey }))).catch((e: Error) => e);
    expect(error).toMatchObject({ kind: 'connector_refused', message: `connector 'clearinghouse': the SFTP server 127.0.0.1:${sftp.port} refused the login of user '${sftp.username}'` });
    expect(JSON.stringify(error)).not.toContain('PRIVATE KEY');
    await expect(discover('claims', new SftpLandingStore(connector({}, { password: 'not-the-password' })))).rejects.toMatchObject({ kind: 'connector_refused' });
    await expect(discover('claims', new SftpLandingStore(connector({}, { privateKey: 'not a key' })))).rejects.toMatchObject({
      kind: 'connector_refused',
      message: "connector 'clearinghouse': the stored private key could not be read (wrong format or passphrase)",
    });
  });

  it('treats a host that does not answer as transient, so the run is retried', async () => {
    const proxy = await startTcpProxy({ host: sftp.host, port: sftp.port });
    await proxy.cut('reset');
    try {
      await expect(discover('claims', new SftpLandingStore(connector({ port: proxy.port })))).rejects.toMatchObject({
        kind: 'transient',
        message: expect.stringMatching(new RegExp(`^connector 'clearinghouse': the SFTP server 127.0.0.1:${proxy.port} could not be reached`)),
      });
    } finally {
      await proxy.close();
    }
  });

  describe('a connection dropped mid-download', () => {
    let proxy: TcpProxy;
    beforeAll(async () => {
      proxy = await startTcpProxy({ host: sftp.host, port: sftp.port });
      // Large enough that the transfer is still going when the connection is cut.
      await sftp.put('big/2026-04.csv', `claim_id\n${'C'.repeat(60)}\n`.repeat(400_000));
    });
    afterAll(() => proxy?.close());

    it('lands nothing and fails transiently; the next run lands the whole file', async () => {
      const store = new SftpLandingStore(connector({ port: proxy.port }));
      const cutting = (async () => {
        // Wait until the download has started (its target exists), then cut it: a fixed delay
        // after the TCP connection cut a slow machine's handshake instead.
        const target = join(scratch.path, 'landing', 'big', '2026-04.csv');
        while (!existsSync(target)) await new Promise((resolve) => setTimeout(resolve, 2));
        await proxy.cut('reset');
      })();
      const error = await discover('big', store).catch((e: Error) => e);
      await cutting;
      expect(error).toMatchObject({ kind: 'transient', message: expect.stringMatching(/^connector 'clearinghouse': (the connection was lost while downloading big\/2026-04.csv|the SFTP session failed)/) });
      proxy.restore();
      const [file] = await discover('big', store);
      expect(file!.sizeBytes).toBe(28_000_000);
      expect(file!.contentHash).toBe(createHash('sha256').update(await sftp.read('big/2026-04.csv')).digest('hex'));
    });
  });

  it('leaves a file that changed between the listing and its download for the next run, which lands it whole', async () => {
    await sftp.put('racing/2026-06-a.csv', `claim_id\n${'A'.repeat(60)}\n`.repeat(300_000));
    await sftp.put('racing/2026-06-b.csv', 'claim_id\nB1\n');
    const scratchDir = join(scratch.path, 'racing');
    const store = new SftpLandingStore(connector());
    const discovering = store.discover({ tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', sourcePath: 'racing', format: 'csv', scratchDir });
    // The sender appends to b while a (listed first) is still downloading.
    while (!existsSync(join(scratchDir, 'landing', 'racing', '2026-06-a.csv'))) await new Promise((resolve) => setTimeout(resolve, 2));
    await appendFile(join(sftp.directory, 'racing', '2026-06-b.csv'), 'B2\n');
    expect((await discovering).map((f) => f.displayPath)).toEqual(['racing/2026-06-a.csv']);
    expect(existsSync(join(scratchDir, 'landing', 'racing', '2026-06-b.csv'))).toBe(false);
    const next = await store.discover({ tenantId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', sourcePath: 'racing/2026-06-b.csv', format: 'csv', scratchDir });
    expect(await readFile(next[0]!.path, 'utf8')).toBe('claim_id\nB1\nB2\n');
  });

  it('moves landed files into the archive directory, keeping their paths', async () => {
    await sftp.put('outbox/2026-05.csv', 'claim_id\nA1\n');
    const store = new SftpLandingStore(connector({ archiveDirectory: `${sftp.directory}/archived` }));
    const files = await discover('outbox', store);
    await store.archive(files);
    expect(sftp.exists('outbox/2026-05.csv')).toBe(false);
    expect(await sftp.read('archived/outbox/2026-05.csv')).toBe('claim_id\nA1\n');
    expect(await discover('outbox', store)).toEqual([]);
  });
});
