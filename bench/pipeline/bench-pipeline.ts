import 'reflect-metadata';
import { fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { QualityReport } from '@ade/contracts';
import { DuckDbLakehouse, duckdbSql, type ReferenceTableFile, type Row, type SourceFile, type SqlSession } from '@ade/lakehouse';
import { runQualityStage, type QualitySession } from '@ade/quality';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { RECOMMENDED_MALLOC_ARENA_MAX } from '../../apps/data-plane-worker/src/config/malloc-arenas';
import { loadWorkerConfig } from '../../apps/data-plane-worker/src/config/worker.config';
import { median, round } from '../support/stats';

/**
 * bench/pipeline: generates N professional claim lines, then times, in the same run and on the
 * same file, (a) the bare cost of loading the file into a DuckDB database file and (b) the
 * medallion run a pipeline does: the file landed in bronze (`ingestBronze`), then
 * `runQualityStage` with the default expectations (repairs, judgement, silver, quarantine, gold,
 * one transaction). Each measurement runs in its own child process, so the peak RSS of each is
 * its own. Reports medians, rows/s, the ratios to the bare load and a per-statement breakdown of
 * the quality stage (timed from outside, by wrapping the session it is given).
 *
 * Usage: node dist/bench/pipeline/bench-pipeline.js [rows] [repeats] [memoryLimitForSecondRun|none]
 */
const AS_OF = '2026-11-01';
const CATALOG = 'healthcare_data';
const TABLE = 'claims';
const MiB = 1024; // process.resourceUsage().maxRSS is in KiB

const maxRssKiB = () => process.resourceUsage().maxRSS;
/** CPU time of this process, all threads (DuckDB's included), in ms: less sensitive than wall time to other load on the machine. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** DuckDB as the worker configures it: DUCKDB_THREADS / DUCKDB_MEMORY_LIMIT, with the worker's defaults. */
export interface EngineSettings {
  threads?: number;
  memoryLimit?: string;
}

export interface PhaseRequest {
  phase: 'bare' | 'medallion';
  /** The generated claims file. */
  file: string;
  /** A small file of the same shape, judged once before the timed run (see `warm-up` below); null: no warm-up. */
  warmupFile: string | null;
  /** A fresh directory the phase owns: its database files and DuckDB's spill directory. */
  dir: string;
  engine: EngineSettings;
}

export interface BarePhaseResult {
  phase: 'bare';
  rows: number;
  loadMs: number;
  loadCpuMs: number;
  /** Closing the database (the checkpoint that follows the load); not in loadMs. */
  closeMs: number;
  startRssKiB: number;
  peakRssKiB: number;
}

export interface StatementTiming {
  step: string;
  group: StepGroup;
  ms: number;
  /** The process's resident memory right after the statement. */
  rssMiB: number;
  /** What DuckDB's buffer manager counts as in use right after it (`duckdb_memory()`); RSS beyond it is held elsewhere. */
  engineMiB: number;
}

export interface MedallionPhaseResult {
  phase: 'medallion';
  /** The worker hashes each file (streaming SHA-256) when it lists the landing zone; not in bronzeMs. */
  hashMs: number;
  bronzeMs: number;
  qualityMs: number;
  bronzeCpuMs: number;
  qualityCpuMs: number;
  /** The quality stage's statements, in order, timed around each session call. */
  statements: StatementTiming[];
  /** One judged run of the small warm-up file first: the per-process costs a long-running worker pays once. */
  warmupMs: number;
  closeMs: number;
  rows: QualityReport['rows'];
  expectations: number;
  failedByExpectation: Record<string, number>;
  repairs: Record<string, number>;
  /** Counted in the tables after the stage, not taken from the report. */
  tables: { bronze: number; silver: number; quarantine: number; gold: Record<string, number> };
  startRssKiB: number;
  peakRssAfterBronzeKiB: number;
  peakRssKiB: number;
}

export type PhaseResult = BarePhaseResult | MedallionPhaseResult;

/* ------------------------------------------------------------------------------------------- */
/* The phases                                                                                   */
/* ------------------------------------------------------------------------------------------- */

/** A fresh DuckDB database file; CREATE TABLE AS the ingestion's own reader (all columns as text). */
async function bareLoad(request: PhaseRequest): Promise<BarePhaseResult> {
  const startRssKiB = maxRssKiB();
  const instance = await DuckDBInstance.create(join(request.dir, 'bare.duckdb'), instanceOptions(request.engine));
  const connection = await instance.connect();
  const cpuStarted = cpuMs();
  const started = performance.now();
  await connection.run(`CREATE TABLE claims AS ${duckdbSql.readSourceSql(request.file, 'csv', {})}`);
  const loadMs = performance.now() - started;
  const loadCpuMs = cpuMs() - cpuStarted;
  const rows = Number((await connection.runAndReadAll('SELECT count(*) AS n FROM claims')).getRowObjectsJson()[0]!['n']);
  const closing = performance.now();
  connection.closeSync();
  instance.closeSync();
  const closeMs = performance.now() - closing;
  return { phase: 'bare', rows, loadMs, loadCpuMs, closeMs, startRssKiB, peakRssKiB: maxRssKiB() };
}

/** A provisioned tenant catalog, the file landed in bronze, then the quality stage, as a run does. */
async function medallionRun(request: PhaseRequest): Promise<MedallionPhaseResult> {
  const startRssKiB = maxRssKiB();
  const lakehouse = new DuckDbLakehouse({ dataDir: join(request.dir, 'data'), ...request.engine });
  const referenceCacheDir = join(request.dir, 'reference-cache');
  let closed = false;
  try {
    // Warm-up: another tenant judges a small file, so the reference tables are built and cached
    // once in this process (the worker does that once per process too) and the code is warm.
    const started = performance.now();
    if (request.warmupFile) await judgeOnce(lakehouse, request.warmupFile, referenceCacheDir, false);
    const warmupMs = performance.now() - started;

    const run = await judgeOnce(lakehouse, request.file, referenceCacheDir, true);
    // Detaching checkpoints the catalog file: what is left of the write after the commit.
    const closing = performance.now();
    closed = true;
    await lakehouse.shutdown();
    const closeMs = performance.now() - closing;
    return { phase: 'medallion', ...run, warmupMs, closeMs, startRssKiB, peakRssKiB: maxRssKiB() };
  } finally {
    if (!closed) await lakehouse.shutdown();
  }
}

async function judgeOnce(lakehouse: DuckDbLakehouse, path: string, referenceCacheDir: string, measured: boolean) {
  const locator = { tenantId: randomUUID(), catalogName: CATALOG };
  await lakehouse.provision(locator);
  const catalog = await lakehouse.open(locator);
  try {
    const runId = randomUUID();
    let t = performance.now();
    const file = await describeFile(path);
    const hashMs = performance.now() - t;

    let cpu = cpuMs();
    t = performance.now();
    const bronzeTable = { catalog: CATALOG, schema: 'bronze', table: TABLE };
    const landed = await catalog.ingestBronze({ pipelineId: randomUUID(), runId, file, format: 'csv', options: {}, table: bronzeTable });
    const bronzeMs = performance.now() - t;
    const bronzeCpuMs = cpuMs() - cpu;
    if (landed.outcome !== 'loaded') throw new Error(`expected the file to land, got ${landed.outcome}`);
    const peakRssAfterBronzeKiB = maxRssKiB();

    const session = new TimedSession(catalog);
    cpu = cpuMs();
    t = performance.now();
    const result = await runQualityStage(session, {
      dataType: 'professional_claims',
      catalog: CATALOG,
      table: TABLE,
      runId,
      settings: { expectations: disabledExpectations() },
      asOf: AS_OF,
      referenceCacheDir,
    });
    const qualityMs = performance.now() - t;
    const qualityCpuMs = cpuMs() - cpu;
    if (!result) throw new Error('the quality stage found no bronze table');

    const { report, lineage } = result;
    const failedByExpectation: Record<string, number> = {};
    for (const expectation of report.expectations) if (expectation.failed > 0) failedByExpectation[expectation.id] = expectation.failed;
    const repairs: Record<string, number> = {};
    for (const repair of report.repairs) repairs[`${repair.repair}:${repair.column}`] = repair.count;
    const count = async (table: string) => Number((await catalog.query(`SELECT count(*) AS n FROM ${CATALOG}.${table}`))[0]!['n']);
    const gold: Record<string, number> = {};
    for (const edge of lineage) if (edge.target.startsWith(`${CATALOG}.gold.`) && !edge.target.endsWith('quality_summary')) gold[edge.target.split('.').pop()!] = edge.rows;
    const tables = measured
      ? { bronze: await count(`bronze.${TABLE}`), silver: await count(`silver.${TABLE}`), quarantine: await count(`silver.${TABLE}_quarantine`), gold }
      : { bronze: 0, silver: 0, quarantine: 0, gold };
    return {
      hashMs,
      bronzeMs,
      qualityMs,
      bronzeCpuMs,
      qualityCpuMs,
      statements: session.timings,
      rows: report.rows,
      expectations: report.expectations.length,
      failedByExpectation,
      repairs,
      tables,
      peakRssAfterBronzeKiB,
    };
  } finally {
    await catalog.close();
  }
}

/** As the worker describes a landing-zone file: stat plus a streaming SHA-256 of the content. */
async function describeFile(path: string): Promise<SourceFile> {
  const info = await stat(path);
  const hash = createHash('sha256');
  await new Promise<void>((done, fail) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done());
  });
  return { path, displayPath: 'claims.csv', sizeBytes: info.size, modifiedAt: info.mtime, contentHash: hash.digest('hex') };
}

function instanceOptions(engine: EngineSettings): Record<string, string> {
  const options: Record<string, string> = { autoinstall_known_extensions: 'false' };
  if (engine.threads !== undefined) options['threads'] = String(engine.threads);
  if (engine.memoryLimit !== undefined) options['memory_limit'] = engine.memoryLimit;
  return options;
}

/** Expectations switched off for an experiment (BENCH_PIPELINE_DISABLED_EXPECTATIONS=id,id): the pipeline override a tenant would set. */
function disabledExpectations(): Array<{ id: string; enabled: false }> {
  return (process.env.BENCH_PIPELINE_DISABLED_EXPECTATIONS ?? '')
    .split(',')
    .filter(Boolean)
    .map((id) => ({ id, enabled: false }));
}

/* ------------------------------------------------------------------------------------------- */
/* Timing the quality stage from outside: every statement it sends through its session          */
/* ------------------------------------------------------------------------------------------- */

export type StepGroup = 'judge' | 'silver+quarantine' | 'gold' | 'commit' | 'other';

/**
 * Statement → (step, group), matched on the SQL with identifier quotes removed. An unknown
 * statement keeps its first words as its step (in group `other`), so a change to the stage shows
 * up in the breakdown instead of vanishing.
 */
const STEPS: Array<[RegExp, string, StepGroup]> = [
  [/^BEGIN/, 'begin', 'other'],
  [/^COMMIT/, 'commit', 'commit'],
  [/information_schema/, 'catalog lookups', 'other'],
  [/^SELECT DISTINCT _run_id AS run_id FROM/, 'catalog lookups: runs not yet judged', 'other'],
  [/_system\.judged_runs/, 'record the runs judged', 'other'],
  [/^CREATE OR REPLACE TEMP TABLE ref_/, 'reference tables (from the CSV cache)', 'judge'],
  [/^CREATE OR REPLACE TEMP TABLE src AS/, 'stage: read bronze, clean, repair, parse dates', 'judge'],
  [/^(DROP TABLE IF EXISTS|CREATE (OR REPLACE )?TEMP TABLE) duplicate_rows/, 'expectation lookups: duplicate keys', 'judge'],
  [/^CREATE (OR REPLACE )?TEMP TABLE (known_npis|eligibility_)/, 'expectation lookups: providers, eligibility', 'judge'],
  [/^CREATE (OR REPLACE )?TEMP TABLE (judged_rows|expectation_results)/, 'judge: every expectation, every row', 'judge'],
  [/^(DROP TABLE src$|ALTER TABLE judged_rows RENAME)/, 'judge: swap the judged table in', 'judge'],
  [/^SELECT count\(\*\) AS rows, count_if\(NOT \(?e\d/, 'judge: report summary (one aggregate)', 'judge'],
  [/^SELECT expectation, list_slice\(list\(DISTINCT shape/, 'judge: masked samples of failing values', 'judge'],
  [/^SELECT count\(\*\) AS rows/, 'profile: null rates, newest date', 'judge'],
  [/^WITH v AS .*median/s, 'profile: amounts', 'judge'],
  [/distinct_providers/, 'profile: providers', 'judge'],
  [/^SELECT _source_file AS file/, 'lineage: files', 'other'],
  [/^(CREATE TABLE IF NOT EXISTS|ALTER TABLE) \S+\.silver\./, 'silver: ensure tables and columns', 'silver+quarantine'],
  [/^CREATE OR REPLACE TEMP TABLE silver_batch/, 'silver: typed batch of passing rows', 'silver+quarantine'],
  [/^DELETE FROM \S+\.silver\.\S+ AS target WHERE EXISTS \(SELECT 1 FROM silver_batch/, 'silver: upsert, delete the keys the batch brings', 'silver+quarantine'],
  [/^DELETE FROM \S+\.silver\./, "silver: delete the run's earlier rows", 'silver+quarantine'],
  [/^INSERT INTO \S+\.silver\.\S+_quarantine/, 'quarantine: insert failing rows', 'silver+quarantine'],
  [/^INSERT INTO \S+\.silver\.\S+ \(.*\) SELECT .* FROM silver_batch$/s, 'silver: upsert, append the batch', 'silver+quarantine'],
  [/^MERGE INTO \S+\.silver\./, 'silver: merge on the business key', 'silver+quarantine'],
  [/^SELECT count\(\*\) AS n FROM silver_batch/, 'silver: count', 'silver+quarantine'],
  [/^(CREATE TABLE IF NOT EXISTS|MERGE INTO) \S+\.gold\.quality_summary/, 'gold: quality summary', 'gold'],
  [/^CREATE TABLE IF NOT EXISTS \S+\.gold\./, 'gold: ensure tables', 'gold'],
  [/^CREATE OR REPLACE TEMP TABLE affected_/, 'gold: affected groups (before silver changes)', 'gold'],
  [/^CREATE OR REPLACE TEMP TABLE recomputed_/, 'gold: recompute affected groups from silver', 'gold'],
  [/^DELETE FROM \S+\.gold\./, 'gold: delete the affected groups', 'gold'],
  [/^INSERT INTO \S+\.gold\./, 'gold: append the recomputed groups', 'gold'],
  [/^SELECT count\(\*\) AS n FROM recomputed_/, 'gold: count', 'gold'],
  [/_system\.lineage/, 'lineage: record', 'other'],
];

export function classifyStatement(sql: string): { step: string; group: StepGroup } {
  const text = sql.trim().replaceAll('"', '');
  for (const [pattern, step, group] of STEPS) if (pattern.test(text)) return { step, group };
  return { step: text.replace(/\s+/g, ' ').slice(0, 60), group: 'other' };
}

/** A session that times every statement of the session it wraps (and keeps the SQL when asked, for profile-pipeline.ts). */
export class TimedSession implements QualitySession {
  readonly timings: Array<StatementTiming & { sql?: string }> = [];
  readonly dialect: SqlSession['dialect'];

  constructor(
    private readonly inner: QualitySession,
    private readonly keepSql = false,
  ) {
    this.dialect = inner.dialect;
  }

  query<T extends Row = Row>(sql: string): Promise<T[]> {
    return this.#timed(sql, () => this.inner.query<T>(sql));
  }

  execute(sql: string): Promise<void> {
    return this.#timed(sql, () => this.inner.execute(sql));
  }

  referenceTable(file: ReferenceTableFile): Promise<string> {
    return this.inner.referenceTable(file);
  }

  async #timed<T>(sql: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } catch (error) {
      // Engine errors are redacted (they may quote row values): the step is what says where.
      throw new Error(`quality stage step '${classifyStatement(sql).step}' failed: ${(error as Error).message}`, { cause: error });
    } finally {
      const ms = performance.now() - started;
      const rssMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
      this.timings.push({ ...classifyStatement(sql), ms, rssMiB, engineMiB: await this.#engineMiB(), ...(this.keepSql ? { sql } : {}) });
    }
  }

  /** -1 when the engine cannot answer (after a failed statement). */
  async #engineMiB(): Promise<number> {
    return this.inner.query<{ bytes: unknown }>('SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT AS bytes FROM duckdb_memory()').then(
      ([row]) => Math.round(Number(row!.bytes) / 2 ** 20),
      () => -1,
    );
  }
}

/* ------------------------------------------------------------------------------------------- */
/* Child processes                                                                              */
/* ------------------------------------------------------------------------------------------- */

export async function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  return request.phase === 'bare' ? bareLoad(request) : medallionRun(request);
}

/**
 * Compiled (dist/…js), each phase runs in a child process of this same file, so its peak RSS is
 * its own. From the TypeScript sources (vitest) there is no compiled file to fork: the phases run
 * in this process and the peaks are this process's running maximum.
 */
const canFork = __filename.endsWith('.js') && process.env['BENCH_IN_PROCESS'] !== '1';

function childMallocArenaMax(): string {
  return process.env['MALLOC_ARENA_MAX'] || RECOMMENDED_MALLOC_ARENA_MAX;
}

function inChild(request: PhaseRequest): Promise<PhaseResult> {
  return new Promise((done, fail) => {
    let result: PhaseResult | undefined;
    // DuckDB spills to `.tmp` under the working directory: the child works in its own directory.
    const child = fork(__filename, ['--phase', JSON.stringify(request)], {
      cwd: request.dir,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Both phases run with the glibc arena limit the worker is deployed with (malloc-arenas.ts).
      env: { ...process.env, MALLOC_ARENA_MAX: childMallocArenaMax() },
    });
    child.on('message', (message) => {
      result = message as PhaseResult;
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      if (code === 0 && result) done(result);
      else fail(new Error(`bench phase '${request.phase}' ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/* ------------------------------------------------------------------------------------------- */
/* The benchmark                                                                                */
/* ------------------------------------------------------------------------------------------- */

export interface PipelineBenchOptions {
  /** A second medallion run per repeat under this DuckDB memory_limit (e.g. '2GB'), to show memory stays bounded. */
  limitedMemory?: string;
  /** Defaults to the worker's: DUCKDB_THREADS / DUCKDB_MEMORY_LIMIT from the environment, else the worker's defaults. */
  engine?: EngineSettings;
  /**
   * Judge a 500-row file once in the same process before the timed run (default true), as a
   * long-running worker has: reference tables built and cached, code warm. Without it the timed
   * quality stage also pays those once-per-process costs.
   */
  warmup?: boolean;
}

interface MedallionFigures {
  bronzeMs: number;
  qualityMs: number;
  totalMs: number;
}

/** Runs the comparison on a fresh file of `rows` lines, `repeats` times each, and returns medians. */
export async function runPipelineBench(rows: number, repeats: number, options: PipelineBenchOptions = {}) {
  const engine = options.engine ?? engineFromEnv();
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-pipeline-'));
  const file = join(dir, 'claims.csv');
  const warmupFile = join(dir, 'warmup.csv');
  const loadAtStart = loadavg();
  try {
    let started = performance.now();
    const manifest = await writeProfessionalClaimsCsv(file, { seed: 7, rows, asOf: AS_OF, defectRowLimit: 0, repairableRate: 0.02 });
    const generateMs = performance.now() - started;
    const warmup = options.warmup ?? true;
    if (warmup) await writeProfessionalClaimsCsv(warmupFile, { seed: 8, rows: 500, asOf: AS_OF, defectRowLimit: 0, repairableRate: 0.02 });
    const bytes = (await stat(file)).size;

    let phaseNumber = 0;
    const run = async (phase: PhaseRequest['phase'], settings: EngineSettings) => {
      const phaseDir = join(dir, `phase-${++phaseNumber}-${phase}`);
      await mkdir(phaseDir);
      try {
        const request: PhaseRequest = { phase, file, warmupFile: warmup ? warmupFile : null, dir: phaseDir, engine: settings };
        return canFork ? await inChild(request) : await runPhase(request);
      } finally {
        await rm(phaseDir, { recursive: true, force: true });
      }
    };

    const bare: BarePhaseResult[] = [];
    const medallion: MedallionPhaseResult[] = [];
    const limited: MedallionPhaseResult[] = [];
    for (let i = 0; i < repeats; i++) {
      bare.push((await run('bare', engine)) as BarePhaseResult);
      medallion.push((await run('medallion', engine)) as MedallionPhaseResult);
      if (options.limitedMemory) limited.push((await run('medallion', { ...engine, memoryLimit: options.limitedMemory })) as MedallionPhaseResult);
    }

    const bareLoadMs = median(bare.map((r) => r.loadMs));
    const figures = (runs: MedallionPhaseResult[]): MedallionFigures => ({
      bronzeMs: median(runs.map((r) => r.bronzeMs)),
      qualityMs: median(runs.map((r) => r.qualityMs)),
      totalMs: median(runs.map((r) => r.bronzeMs + r.qualityMs)),
    });
    const main = figures(medallion);
    const last = medallion[medallion.length - 1]!;
    const mib = (kib: number) => round(kib / MiB);

    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        duckdb: await duckdbVersion(),
        loadAverageAtStart: loadAtStart.map((value) => round(value, 2)),
        loadAverageAtEnd: loadavg().map((value) => round(value, 2)),
      },
      engine: {
        threads: engine.threads ?? 'DuckDB default (one per core)',
        memoryLimit: engine.memoryLimit ?? 'DuckDB default (80% of RAM)',
        mallocArenaMax: canFork ? childMallocArenaMax() : (process.env['MALLOC_ARENA_MAX'] ?? 'glibc default'),
      },
      memoryMeasuredIn: canFork ? 'a child process per phase (maxRSS of that child)' : 'this process (running maximum; phases not separated)',
      rows,
      bytes,
      columns: 28,
      repeats,
      generateMs: round(generateMs),
      bareLoadMs: round(bareLoadMs),
      hashMs: round(median(medallion.map((r) => r.hashMs))),
      bronzeMs: round(main.bronzeMs),
      qualityMs: round(main.qualityMs),
      totalMs: round(main.totalMs),
      rowsPerSecond: Math.round(rows / (main.totalMs / 1000)),
      ratioTotalToBare: round(main.totalMs / bareLoadMs, 2),
      ratioBronzeToBare: round(main.bronzeMs / bareLoadMs, 2),
      ratioQualityToBare: round(main.qualityMs / bareLoadMs, 2),
      target: { ratioTotalToBare: 4, met: main.totalMs / bareLoadMs <= 4 },
      cpuTime: (() => {
        const bareCpu = median(bare.map((r) => r.loadCpuMs));
        const totalCpu = median(medallion.map((r) => r.bronzeCpuMs + r.qualityCpuMs));
        return {
          note: 'CPU time of each child (all threads): the same comparison, less disturbed by other load on the machine',
          bareLoadMs: round(bareCpu),
          bronzeMs: round(median(medallion.map((r) => r.bronzeCpuMs))),
          qualityMs: round(median(medallion.map((r) => r.qualityCpuMs))),
          totalMs: round(totalCpu),
          ratioTotalToBare: round(totalCpu / bareCpu, 2),
        };
      })(),
      qualityBreakdownMs: breakdown(medallion),
      qualityStatementsMs: statementMedians(medallion),
      peakRssMiB: {
        bareLoad: mib(median(bare.map((r) => r.peakRssKiB))),
        medallionThroughBronze: mib(median(medallion.map((r) => r.peakRssAfterBronzeKiB))),
        medallion: mib(median(medallion.map((r) => r.peakRssKiB))),
        childAtStart: mib(median(medallion.map((r) => r.startRssKiB))),
      },
      closeMs: { bare: round(median(bare.map((r) => r.closeMs))), medallion: round(median(medallion.map((r) => r.closeMs))) },
      warmupMs: warmup ? round(median(medallion.map((r) => r.warmupMs))) : null,
      memoryLimited: options.limitedMemory
        ? (() => {
            const f = figures(limited);
            return {
              memoryLimit: options.limitedMemory,
              bronzeMs: round(f.bronzeMs),
              qualityMs: round(f.qualityMs),
              totalMs: round(f.totalMs),
              ratioTotalToBare: round(f.totalMs / bareLoadMs, 2),
              peakRssMiB: { medallionThroughBronze: mib(median(limited.map((r) => r.peakRssAfterBronzeKiB))), medallion: mib(median(limited.map((r) => r.peakRssKiB))) },
            };
          })()
        : null,
      rowCounts: { ...last.rows, tables: last.tables },
      expectations: last.expectations,
      failedByExpectation: last.failedByExpectation,
      repairsApplied: last.repairs,
      plantedDefects: manifest.defects,
      plantedRepairs: manifest.repairs,
      runs: {
        bareLoadMs: bare.map((r) => round(r.loadMs)),
        bareLoadCpuMs: bare.map((r) => round(r.loadCpuMs)),
        bronzeMs: medallion.map((r) => round(r.bronzeMs)),
        qualityMs: medallion.map((r) => round(r.qualityMs)),
        medallionCpuMs: medallion.map((r) => round(r.bronzeCpuMs + r.qualityCpuMs)),
        ...(options.limitedMemory ? { limitedTotalMs: limited.map((r) => round(r.bronzeMs + r.qualityMs)) } : {}),
      },
    };
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type PipelineBenchResult = Awaited<ReturnType<typeof runPipelineBench>>;

function breakdown(runs: MedallionPhaseResult[]): Record<StepGroup, number> {
  const groups: StepGroup[] = ['judge', 'silver+quarantine', 'gold', 'commit', 'other'];
  return Object.fromEntries(
    groups.map((group) => [group, round(median(runs.map((r) => r.statements.filter((s) => s.group === group).reduce((sum, s) => sum + s.ms, 0))))]),
  ) as Record<StepGroup, number>;
}

/** Per step (statements of one step summed within a run), median over runs, largest first. */
function statementMedians(runs: MedallionPhaseResult[]): Array<{ step: string; group: StepGroup; statements: number; ms: number; rssAfterMiB: number; engineAfterMiB: number }> {
  const steps = new Map<string, { group: StepGroup; statements: number; perRun: number[]; rss: number[]; engine: number[] }>();
  runs.forEach((run, index) => {
    for (const timing of run.statements) {
      const entry = steps.get(timing.step) ?? { group: timing.group, statements: 0, perRun: runs.map(() => 0), rss: runs.map(() => 0), engine: runs.map(() => 0) };
      if (index === 0) entry.statements += 1;
      entry.perRun[index]! += timing.ms;
      entry.rss[index] = Math.max(entry.rss[index]!, timing.rssMiB);
      entry.engine[index] = Math.max(entry.engine[index]!, timing.engineMiB);
      steps.set(timing.step, entry);
    }
  });
  return [...steps.entries()]
    .map(([step, entry]) => ({ step, group: entry.group, statements: entry.statements, ms: round(median(entry.perRun)), rssAfterMiB: median(entry.rss), engineAfterMiB: median(entry.engine) }))
    .sort((a, b) => b.ms - a.ms);
}

/**
 * The worker's own engine settings: its configuration read from this environment, defaults
 * included. The bench queues nothing, so a throw-away queue key stands in where none is set.
 */
function engineFromEnv(): EngineSettings {
  const queueKeys = (process.env.QUEUE_SIGNING_KEYS ?? process.env.WORKER_TENANT_KEYS) ? {} : { QUEUE_SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}` };
  const { duckdbThreads, duckdbMemoryLimit } = loadWorkerConfig({ ...process.env, ...queueKeys }).worker;
  return { ...(duckdbThreads ? { threads: duckdbThreads } : {}), memoryLimit: duckdbMemoryLimit };
}

async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return String((await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0]!['v']);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function main(): Promise<void> {
  const limited = process.argv[4] ?? '2GB';
  const result = await runPipelineBench(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 3), limited === 'none' ? {} : { limitedMemory: limited });
  const out = process.env['BENCH_OUT'] ?? resolve(__dirname, '../../../bench/pipeline/results.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

async function child(request: PhaseRequest): Promise<void> {
  const result = await runPhase(request);
  await new Promise<void>((done, fail) => process.send!(result, (error: Error | null) => (error ? fail(error) : done())));
  process.exit(0);
}

if (typeof require !== 'undefined' && require.main === module) {
  const work = process.argv[2] === '--phase' ? child(JSON.parse(process.argv[3]!) as PhaseRequest) : main();
  work.catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
