import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureNodeProcess, mib } from '../support/measure-child';
import { repoRoot } from '../support/repo-root';
import { median } from '../support/stats';
import { writeX12Batch } from './x12-batch';

/**
 * bench/x12: for each size, one generated 837P batch (one interchange, many transaction sets), then
 * alternately, each in a process of its own, (a) the same bytes read as text lines and (b) the
 * 837 read as a pipeline stages it (parsed as a stream into canonical claim lines as NDJSON).
 * Reports wall time, peak RSS and their ratios; memory must not grow with the file.
 * Usage: node dist/bench/x12/bench-x12.js [transaction sets per file, default 5000,50000] [repeats, default 1]
 */
const ROOT = repoRoot();
const READ_LINES = join(ROOT, 'dist/bench/x12/read-lines.js');
const STAGE_X12 = join(ROOT, 'dist/bench/x12/stage-x12.js');

export async function measureX12(sets: number, repeats: number) {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-x12-'));
  const file = join(dir, 'batch.x12');
  try {
    const batch = await writeX12Batch(file, sets);
    const read: { ms: number; rss: number }[] = [];
    const stage: { ms: number; rss: number }[] = [];
    let staged: { claims: number; lines: number; findings: number } | undefined;
    for (let i = 0; i < repeats; i++) {
      const r = await measureNodeProcess([READ_LINES, file]);
      read.push({ ms: r.ms, rss: r.peakRssBytes });
      const s = await measureNodeProcess([STAGE_X12, file, join(dir, 'rows.ndjson')]);
      stage.push({ ms: s.ms, rss: s.peakRssBytes });
      staged = JSON.parse(s.stdout) as { claims: number; lines: number; findings: number };
    }
    if (staged!.claims !== batch.claims || staged!.lines !== batch.lines || staged!.findings !== 0) {
      throw new Error(`staged ${JSON.stringify(staged)} of ${JSON.stringify(batch)}`);
    }
    const readMs = median(read.map((m) => m.ms));
    const stageMs = median(stage.map((m) => m.ms));
    const readRss = Math.max(...read.map((m) => m.rss));
    const stageRss = Math.max(...stage.map((m) => m.rss));
    return {
      transactionSets: sets,
      bytes: batch.bytes,
      claims: batch.claims,
      lines: batch.lines,
      readLinesMs: Math.round(readMs),
      readLinesPeakRssMiB: mib(readRss),
      stageMs: Math.round(stageMs),
      stagePeakRssMiB: mib(stageRss),
      stageMiBPerSecond: Number((batch.bytes / 2 ** 20 / (stageMs / 1000)).toFixed(1)),
      ratioStageToReadLines: Number((stageMs / readMs).toFixed(2)),
      ratioPeakRssStageToReadLines: Number((stageRss / readRss).toFixed(2)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '5000,50000').split(',').map(Number);
  const repeats = Number(process.argv[3] ?? 1);
  const results = [];
  for (const sets of sizes) {
    const result = await measureX12(sets, repeats);
    results.push(result);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  await writeFile(join(ROOT, 'bench/x12/results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, repeats, results }, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
