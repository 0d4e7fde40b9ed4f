import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runPipelineBench } from './bench-pipeline';

/**
 * bench/pipeline, size series: one medallion run per size against a bare load of the same file,
 * each phase in its own child process, with the worker's engine settings (DUCKDB_* or its
 * defaults). Peak RSS must not grow with the file.
 * Usage: node dist/bench/pipeline/bench-pipeline-sizes.js [sizes, default 200000,1000000,10000000]
 */
async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '200000,1000000,10000000').split(',').map(Number);
  const series = [];
  let header: { date: string; machine: unknown; engine: unknown } | undefined;
  for (const rows of sizes) {
    const result = await runPipelineBench(rows, 1);
    header ??= { date: result.date, machine: result.machine, engine: result.engine };
    const figures = {
      rows,
      bytes: result.bytes,
      bareLoadMs: result.bareLoadMs,
      bronzeMs: result.bronzeMs,
      qualityMs: result.qualityMs,
      totalMs: result.totalMs,
      ratioTotalToBare: result.ratioTotalToBare,
      peakRssMiB: result.peakRssMiB,
      rowCounts: result.rowCounts,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    series.push(figures);
  }
  await writeFile(resolve(__dirname, '../../../bench/pipeline/sizes.json'), `${JSON.stringify({ ...header, series }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
