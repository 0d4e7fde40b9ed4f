import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { startSftpServer } from '../../libs/testing/src/sftp-server';
import { measureNodeProcess, mib } from '../support/measure-child';
import { repoRoot } from '../support/repo-root';
import { median } from '../support/stats';

/**
 * bench/intake: for each size and each source, one claims CSV on the source, then alternately,
 * each in a process of its own: (a) the file copied to a local file by the same client alone,
 * and (b) a run's intake by the worker's store for that source (list, download, digests while
 * streaming, checks). Sources: a local S3-compatible server (s3rver) read by the S3 landing store
 * (SHA-256 and MD5, size and ETag), and a real OpenSSH server read by the SFTP connector store
 * (host key pinned, SHA-256, size and modification time before and after). A third process does
 * the intake and then lands the file in a bronze table (`ingestBronze`, the worker's default
 * engine settings). Reports wall time, peak RSS and their ratios to the copy, and the intake's
 * peak RSS above an idle process that loaded the same modules.
 * Usage: node dist/bench/intake/bench-intake.js [sizes in MiB, default 100,1000] [repeats, default 1] [sources, default s3,sftp]
 */
const ROOT = repoRoot();
const BUCKET = 'bench-landing';
const script = (name: string) => join(ROOT, `dist/bench/intake/${name}.js`);

export type IntakeSource = 's3' | 'sftp';

/** Where the file sits for one source, and how the three processes are started against it. */
interface SourceSetup {
  env: Record<string, string>;
  idle: string[];
  copy: (target: string) => string[];
  intake: (scratch: string) => string[];
  close(): Promise<void>;
}

async function s3Source(dir: string, file: string, bytes: number): Promise<SourceSetup> {
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 'store') });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver predates the SDK's default aws-chunked checksum uploads, which it would store verbatim.
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const tenantId = randomUUID();
  const key = `tenants/${tenantId}/landing/claims/2026-01.csv`;
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: createReadStream(file), ContentLength: bytes }));
  return {
    env: { BENCH_S3_ENDPOINT: endpoint, BENCH_S3_BUCKET: BUCKET },
    idle: [script('idle'), 's3'],
    copy: (target) => [script('copy-object'), key, target],
    intake: (scratch) => [script('intake-s3'), tenantId, 'claims', scratch],
    close: async () => {
      client.destroy();
      await server.close();
    },
  };
}

async function sftpSource(dir: string, file: string): Promise<SourceSetup> {
  const server = await startSftpServer('bench-intake');
  await mkdir(join(server.directory, 'claims'), { recursive: true });
  await copyFile(file, join(server.directory, 'claims', '2026-01.csv'));
  const keyFile = join(dir, 'id_bench');
  await writeFile(keyFile, server.privateKey, { mode: 0o600 });
  return {
    env: {
      BENCH_SFTP_HOST: server.host,
      BENCH_SFTP_PORT: String(server.port),
      BENCH_SFTP_USER: server.username,
      BENCH_SFTP_DIR: server.directory,
      BENCH_SFTP_FINGERPRINT: server.hostKeyFingerprint,
      BENCH_SFTP_KEY_FILE: keyFile,
    },
    idle: [script('idle'), 'sftp'],
    copy: (target) => [script('copy-sftp'), 'claims/2026-01.csv', target],
    intake: (scratch) => [script('intake-sftp'), 'claims', scratch],
    close: () => server.close(),
  };
}

export async function measureIntake(sizeMiB: number, repeats: number, source: IntakeSource = 's3') {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-intake-'));
  let setup: SourceSetup | undefined;
  try {
    const file = join(dir, 'claims.csv');
    const lines = await writeClaims(file, sizeMiB * 2 ** 20);
    const bytes = (await stat(file)).size;
    setup = source === 's3' ? await s3Source(dir, file, bytes) : await sftpSource(dir, file);
    const idle = await measureNodeProcess(setup.idle, setup.env);
    const copy: { ms: number; rss: number }[] = [];
    const intake: { ms: number; rss: number }[] = [];
    const bronze: { ms: number; rss: number }[] = [];
    for (let i = 0; i < repeats; i++) {
      const c = await measureNodeProcess(setup.copy(join(dir, 'copy.csv')), setup.env);
      copy.push({ ms: c.ms, rss: c.peakRssBytes });
      if ((await stat(join(dir, 'copy.csv'))).size !== bytes) throw new Error(`the ${source} copy is not ${bytes} bytes`);
      await rm(join(dir, 'copy.csv'), { force: true });
      const scratch = join(dir, `scratch-${i}`);
      const t = await measureNodeProcess(setup.intake(scratch), setup.env);
      intake.push({ ms: t.ms, rss: t.peakRssBytes });
      const took = JSON.parse(t.stdout) as { files: number; bytes: number };
      if (took.files !== 1 || took.bytes !== bytes) throw new Error(`${source} intake took ${JSON.stringify(took)} of ${bytes} bytes`);
      await rm(scratch, { recursive: true, force: true });
      const b = await measureNodeProcess([...setup.intake(scratch), 'bronze'], setup.env);
      bronze.push({ ms: b.ms, rss: b.peakRssBytes });
      const landed = JSON.parse(b.stdout) as { rows: number };
      if (landed.rows !== lines) throw new Error(`${source} intake landed ${landed.rows} of ${lines} lines in bronze`);
      await rm(scratch, { recursive: true, force: true });
    }
    const copyMs = median(copy.map((m) => m.ms));
    const intakeMs = median(intake.map((m) => m.ms));
    const intakeRss = Math.max(...intake.map((m) => m.rss));
    return {
      source,
      sizeMiB,
      bytes,
      copyMs: Math.round(copyMs),
      copyPeakRssMiB: mib(Math.max(...copy.map((m) => m.rss))),
      intakeMs: Math.round(intakeMs),
      intakePeakRssMiB: mib(intakeRss),
      idlePeakRssMiB: mib(idle.peakRssBytes),
      intakeAboveIdleMiB: mib(intakeRss - idle.peakRssBytes),
      ratioIntakeToCopy: Number((intakeMs / copyMs).toFixed(2)),
      intoBronzeMs: Math.round(median(bronze.map((m) => m.ms))),
      intoBronzePeakRssMiB: mib(Math.max(...bronze.map((m) => m.rss))),
      ratioIntoBronzeToCopy: Number((median(bronze.map((m) => m.ms)) / copyMs).toFixed(2)),
    };
  } finally {
    await setup?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Claim lines of the professional layout's shape until the file holds about `bytes`. */
async function writeClaims(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write('claim_id,claim_line_number,member_id,billing_npi,diagnosis_code_1,hcpcs_code,claim_line_start_date,place_of_service_code,service_unit_quantity,charge_amount,paid_amount\n');
  let written = 0;
  let n = 0;
  for (; written < bytes; n++) {
    const line = `C${n},1,MCD${String(n % 1_000_000).padStart(6, '0')},1234567893,E11.9,99213,2026-01-${String((n % 28) + 1).padStart(2, '0')},11,1,150.00,72.50\n`;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
  return n;
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '100,1000').split(',').map(Number);
  const repeats = Number(process.argv[3] ?? 1);
  const sources = (process.argv[4] ?? 's3,sftp').split(',') as IntakeSource[];
  const results = [];
  for (const source of sources) {
    for (const size of sizes) {
      const result = await measureIntake(size, repeats, source);
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await writeFile(join(ROOT, 'bench/intake/results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, repeats, results }, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
