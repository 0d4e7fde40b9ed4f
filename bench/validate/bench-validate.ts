import 'reflect-metadata';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbSql } from '@ade/lakehouse';
import { validateFile, type ValidationReport } from '@ade/quality';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { median } from '../support/stats';

/**
 * bench/validate: generates N professional claim lines, then times, in the same run and on the
 * same file, (a) the bare cost of reading the file into DuckDB and (b) `validateFile` with the
 * full rule set. Reports rows/s and the ratio b/a. Usage: node dist/bench/validate/bench-validate.js [rows] [repeats]
 */
const AS_OF = '2026-11-01';

async function bareRead(path: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(`CREATE TEMP TABLE src AS ${duckdbSql.readSourceSql(path, 'csv', {})}`);
  const elapsed = performance.now() - started;
  connection.closeSync();
  instance.closeSync();
  return elapsed;
}

/** Runs the comparison on a fresh file of `rows` lines, `repeats` times each, and returns medians. */
export async function runValidateBench(rows: number, repeats: number) {
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-validate-'));
  const file = join(dir, 'claims.csv');
  try {
    let started = performance.now();
    const manifest = await writeProfessionalClaimsCsv(file, { seed: 7, rows, asOf: AS_OF, defectRowLimit: 0 });
    const generateMs = performance.now() - started;
    const bytes = (await stat(file)).size;

    const bare: number[] = [];
    const full: number[] = [];
    const readAndCheck: number[] = [];
    const reads: number[] = [];
    const checks: number[] = [];
    let report: ValidationReport | undefined;
    for (let i = 0; i < repeats; i++) {
      bare.push(await bareRead(file));
      started = performance.now();
      report = await validateFile({ path: file, type: 'professional_claims', asOf: AS_OF, maxViolations: 0 });
      full.push(performance.now() - started);
      readAndCheck.push(report.timings.readMs + report.timings.checksMs);
      reads.push(report.timings.readMs);
      checks.push(report.timings.checksMs);
    }
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      rows,
      bytes,
      columns: 28,
      repeats,
      generateMs: Math.round(generateMs),
      bareReadMs: Math.round(median(bare)),
      validateMs: Math.round(median(full)),
      validateReadAndChecksMs: Math.round(median(readAndCheck)),
      validateReadMs: Math.round(median(reads)),
      validateChecksMs: Math.round(median(checks)),
      referenceTablesMs: report!.timings.referenceMs,
      rowsPerSecond: Math.round(rows / (median(full) / 1000)),
      ratioFullToBare: Number((median(full) / median(bare)).toFixed(2)),
      ratioReadAndChecksToBare: Number((median(readAndCheck) / median(bare)).toFixed(2)),
      checkedRules: Object.keys(report!.rules).length,
      invalidRows: report!.invalid,
      plantedDefects: manifest.defects,
    };
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const result = await runValidateBench(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 3));
  const out = resolve(__dirname, '../../../bench/validate/results.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
