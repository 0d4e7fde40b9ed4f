import 'reflect-metadata';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_VALIDATION_MEMORY_LIMIT } from '@ade/quality';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { measureNodeProcess, mib } from '../support/measure-child';
import { median } from '../support/stats';

/**
 * bench/validate, size series: for each size, one generated file, then alternately, each in a
 * process of its own, (a) a bare DuckDB read of the file into a table and (b) `ade validate` on it
 * exactly as a user runs it (the packaged bin, human output). Reports each process's wall time
 * and peak RSS; memory must not grow with the file.
 * Usage: node dist/bench/validate/bench-validate-sizes.js [sizes, default 200000,1000000,10000000] [repeats, default 1]
 */
const AS_OF = '2026-11-01';
const ROOT = resolve(__dirname, '../../..');
const BARE_READ = join(ROOT, 'dist/bench/validate/bare-read.js');
const ADE = join(ROOT, 'bin/ade.js');

async function measureSize(rows: number, repeats: number) {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-sizes-'));
  const file = join(dir, 'claims.csv');
  try {
    const started = performance.now();
    await writeProfessionalClaimsCsv(file, { seed: 7, rows, asOf: AS_OF, defectRowLimit: 0 });
    const generateMs = Math.round(performance.now() - started);
    const bare: { ms: number; rss: number }[] = [];
    const validate: { ms: number; rss: number }[] = [];
    let report: { rows: number; invalid: number } | undefined;
    for (let i = 0; i < repeats; i++) {
      const b = await measureNodeProcess([BARE_READ, file, DEFAULT_VALIDATION_MEMORY_LIMIT]);
      bare.push({ ms: b.ms, rss: b.peakRssBytes });
      const v = await measureNodeProcess([ADE, 'validate', file, '--type', 'professional_claims', '--as-of', AS_OF, '--json', '--max-violations', '20']);
      validate.push({ ms: v.ms, rss: v.peakRssBytes });
      report = JSON.parse(v.stdout) as { rows: number; invalid: number };
    }
    if (report!.rows !== rows) throw new Error(`validate counted ${report!.rows} rows of ${rows}`);
    const bareMs = median(bare.map((m) => m.ms));
    const validateMs = median(validate.map((m) => m.ms));
    return {
      rows,
      bytes: (await stat(file)).size,
      generateMs,
      bareReadMs: Math.round(bareMs),
      bareReadPeakRssMiB: mib(Math.max(...bare.map((m) => m.rss))),
      validateMs: Math.round(validateMs),
      validatePeakRssMiB: mib(Math.max(...validate.map((m) => m.rss))),
      ratioValidateToBare: Number((validateMs / bareMs).toFixed(2)),
      invalidRows: report!.invalid,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '200000,1000000,10000000').split(',').map(Number);
  const repeats = Number(process.argv[3] ?? 1);
  const series = [];
  for (const rows of sizes) {
    const measured = await measureSize(rows, repeats);
    process.stdout.write(`${JSON.stringify(measured)}\n`);
    series.push(measured);
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    memoryLimit: DEFAULT_VALIDATION_MEMORY_LIMIT,
    repeats,
    series,
  };
  await writeFile(resolve(ROOT, 'bench/validate/sizes.json'), `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
