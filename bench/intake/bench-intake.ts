import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { measureNodeProcess, mib } from '../support/measure-child';
import { repoRoot } from '../support/repo-root';
import { median } from '../support/stats';

/**
 * bench/intake: for each size, one claims CSV in a local S3-compatible server (s3rver), then
 * alternately, each in a process of its own: (a) the object copied to a local file by the same
 * AWS SDK client alone, and (b) a run's intake by the worker's S3 landing store (list, download,
 * SHA-256 and MD5 while streaming, size and ETag checked). Reports wall time, peak RSS and their
 * ratios, and the intake's peak RSS above an idle process that loaded the same modules.
 * Usage: node dist/bench/intake/bench-intake.js [sizes in MiB, default 100,1000] [repeats, default 1]
 */
const ROOT = repoRoot();
const BUCKET = 'bench-landing';
const script = (name: string) => join(ROOT, `dist/bench/intake/${name}.js`);

export async function measureIntake(sizeMiB: number, repeats: number) {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-intake-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 'store') });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { BENCH_S3_ENDPOINT: endpoint, BENCH_S3_BUCKET: BUCKET };
  // s3rver predates the SDK's default aws-chunked checksum uploads, which it would store verbatim.
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  try {
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const file = join(dir, 'claims.csv');
    await writeClaims(file, sizeMiB * 2 ** 20);
    const bytes = (await stat(file)).size;
    const tenantId = randomUUID();
    const key = `tenants/${tenantId}/landing/claims/2026-01.csv`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: createReadStream(file), ContentLength: bytes }));
    const idle = await measureNodeProcess([script('idle')], env);
    const copy: { ms: number; rss: number }[] = [];
    const intake: { ms: number; rss: number }[] = [];
    for (let i = 0; i < repeats; i++) {
      const c = await measureNodeProcess([script('copy-object'), key, join(dir, 'copy.csv')], env);
      copy.push({ ms: c.ms, rss: c.peakRssBytes });
      await rm(join(dir, 'copy.csv'), { force: true });
      const scratch = join(dir, `scratch-${i}`);
      const t = await measureNodeProcess([script('intake-s3'), tenantId, 'claims', scratch], env);
      intake.push({ ms: t.ms, rss: t.peakRssBytes });
      const took = JSON.parse(t.stdout) as { files: number; bytes: number };
      if (took.files !== 1 || took.bytes !== bytes) throw new Error(`intake took ${JSON.stringify(took)} of ${bytes} bytes`);
      await rm(scratch, { recursive: true, force: true });
    }
    const copyMs = median(copy.map((m) => m.ms));
    const intakeMs = median(intake.map((m) => m.ms));
    const intakeRss = Math.max(...intake.map((m) => m.rss));
    return {
      sizeMiB,
      bytes,
      copyMs: Math.round(copyMs),
      copyPeakRssMiB: mib(Math.max(...copy.map((m) => m.rss))),
      intakeMs: Math.round(intakeMs),
      intakePeakRssMiB: mib(intakeRss),
      idlePeakRssMiB: mib(idle.peakRssBytes),
      intakeAboveIdleMiB: mib(intakeRss - idle.peakRssBytes),
      ratioIntakeToCopy: Number((intakeMs / copyMs).toFixed(2)),
    };
  } finally {
    client.destroy();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Claim lines of the professional layout's shape until the file holds about `bytes`. */
async function writeClaims(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('claim_id,claim_line_number,member_id,billing_npi,diagnosis_code_1,hcpcs_code,claim_line_start_date,place_of_service_code,service_unit_quantity,charge_amount,paid_amount\n');
  let written = 0;
  for (let n = 0; written < bytes; n++) {
    const line = `C${n},1,MCD${String(n % 1_000_000).padStart(6, '0')},1234567893,E11.9,99213,2026-01-${String((n % 28) + 1).padStart(2, '0')},11,1,150.00,72.50\n`;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '100,1000').split(',').map(Number);
  const repeats = Number(process.argv[3] ?? 1);
  const results = [];
  for (const size of sizes) {
    const result = await measureIntake(size, repeats);
    results.push(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
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
