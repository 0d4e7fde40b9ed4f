import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDbLakehouse, type TenantCatalog } from '@ade/lakehouse';
import { runQualityStage } from '@ade/quality';
import { writeProfessionalClaimsCsv } from '@ade/synthetic';
import { TimedSession } from './bench-pipeline';

/**
 * bench/pipeline's evidence: one medallion run on N generated claim lines with every statement
 * of the quality stage recorded, then, on the same session (the stage's temp tables are still
 * there), the expensive statements run again under DuckDB's JSON profiler and in variants that
 * isolate one cost each. Nothing here changes the stage; it only re-runs what it sent.
 *
 * Usage: node dist/bench/pipeline/profile-pipeline.js [rows]   (writes bench/pipeline/profile.json)
 */
const AS_OF = '2026-11-01';
const CATALOG = 'healthcare_data';

interface Operator {
  operator: string;
  seconds: number;
  rows: number;
  detail?: string;
}

export async function profilePipeline(rows: number) {
  const loadAtStart = loadavg().map((value) => Math.round(value * 100) / 100);
  const dir = await mkdtemp(join(tmpdir(), 'ade-bench-pipeline-profile-'));
  const lakehouse = new DuckDbLakehouse({ dataDir: join(dir, 'data') });
  try {
    const file = join(dir, 'claims.csv');
    await writeProfessionalClaimsCsv(file, { seed: 7, rows, asOf: AS_OF, defectRowLimit: 0, repairableRate: 0.02 });
    const locator = { tenantId: randomUUID(), catalogName: CATALOG };
    await lakehouse.provision(locator);
    const catalog = await lakehouse.open(locator);
    const runId = randomUUID();
    const info = await stat(file);
    await catalog.ingestBronze({
      pipelineId: randomUUID(),
      runId,
      file: { path: file, displayPath: 'claims.csv', sizeBytes: info.size, modifiedAt: info.mtime, contentHash: randomUUID() },
      format: 'csv',
      options: {},
      table: { catalog: CATALOG, schema: 'bronze', table: 'claims' },
    });
    const session = new TimedSession(catalog, true);
    const started = performance.now();
    const result = await runQualityStage(session, {
      dataType: 'professional_claims',
      catalog: CATALOG,
      table: 'claims',
      runId,
      settings: { expectations: [] },
      asOf: AS_OF,
      referenceCacheDir: join(dir, 'reference-cache'),
    });
    const qualityMs = performance.now() - started;
    const expectationIds = result!.report.expectations.map((e) => e.id);
    const sqlOf = (step: string) => session.timings.find((t) => t.step === step)?.sql;
    const msOf = (step: string) => Math.round(session.timings.filter((t) => t.step === step).reduce((sum, t) => sum + t.ms, 0));
    const probe = new Probe(catalog, dir);

    // 1. The report summary: one aggregate over every judged row. Before samples moved out of it
    //    (they are now a separate query over failing rows), it also masked sample shapes per
    //    expectation; the variants below isolate that cost when the stage still does it.
    const summaryStep = 'judge: report summary (one aggregate)';
    const summarySql = sqlOf(summaryStep)!;
    const summaryItems = selectList(summarySql);
    const isSample = (item: string) => /\bAS s\d+$/.test(item);
    const from = summarySql.slice(topLevelIndexOf(summarySql, ' FROM '));
    const sampleItems = summaryItems.filter(isSample);
    const samplesStep = 'judge: masked samples of failing values';
    const samplesSql = sqlOf(samplesStep);
    const summary = {
      inStageMs: msOf(summaryStep),
      sampleColumns: sampleItems.length,
      again: await probe.profiled(summarySql),
      ...(sampleItems.length
        ? {
            countsOnlyMs: await probe.time(`SELECT ${summaryItems.filter((item) => !isSample(item)).join(', ')}${from}`),
            samplesOnlyMs: await probe.time(`SELECT ${sampleItems.join(', ')}${from}`),
            // The same samples, the masking evaluated only on failing rows (CASE is evaluated lazily).
            samplesMaskedOnlyWhenFailingMs: await probe.time(`SELECT ${sampleItems.map(maskOnlyWhenFailing).join(', ')}${from}`),
            // ...and it finds the same shapes: every distinct masked value of every expectation, sorted,
            // compared in full (list_slice keeps an arbitrary five of them: list(DISTINCT) has no order).
            maskedOnlyWhenFailingFindsTheSameShapes:
              JSON.stringify(await catalog.query(`SELECT ${sampleItems.map(allShapesSorted).join(', ')}${from}`)) ===
              JSON.stringify(await catalog.query(`SELECT ${sampleItems.map(maskOnlyWhenFailing).map(allShapesSorted).join(', ')}${from}`)),
            // Whether the stage's own summary gives the same row twice (it picks five shapes of many).
            summaryTwiceGivesTheSameRow: JSON.stringify(await catalog.query(summarySql)) === JSON.stringify(await catalog.query(summarySql)),
          }
        : {}),
      ...(samplesSql ? { samplesQueryInStageMs: msOf(samplesStep), samplesQueryAgain: await probe.profiled(samplesSql) } : {}),
    };

    // 2. Judging: the staged rows copied with one boolean per expectation.
    const judgeSql = sqlOf('judge: every expectation, every row')!;
    const judgeItems = selectList(judgeSql);
    const checks = judgeItems.filter((item) => /\bAS e\d+$/.test(item));
    // The staged rows, now judged in place (src holds their e<n> columns), and the lookup joins the checks read.
    const stagedColumns = `src.* EXCLUDE (${checks.map((item) => /\bAS (e\d+)$/.exec(item)![1]).join(', ')})`;
    const judgeFrom = judgeSql.slice(topLevelIndexOf(judgeSql, ' FROM '));
    const perExpectation: Array<{ id: string; ms: number }> = [];
    for (const item of checks) {
      const index = Number(/\bAS e(\d+)$/.exec(item)![1]);
      const expression = item.replace(/\s+AS e\d+$/, '');
      perExpectation.push({ id: expectationIds[index] ?? `e${index}`, ms: await probe.time(`SELECT count_if(${expression}) AS n${judgeFrom}`) });
    }
    perExpectation.sort((a, b) => b.ms - a.ms);
    const judge = {
      inStageMs: msOf('judge: every expectation, every row'),
      again: await probe.profiled(`CREATE OR REPLACE TEMP TABLE __probe AS SELECT ${stagedColumns}, ${checks.join(', ')}${judgeFrom}`),
      expectations: checks.length,
      copyStagedRowsOnlyMs: await probe.time(`CREATE OR REPLACE TEMP TABLE __probe AS SELECT ${stagedColumns} FROM src`),
      checksOnlyAsTableMs: await probe.time(`CREATE OR REPLACE TEMP TABLE __probe AS SELECT ${checks.join(', ')}${judgeFrom}`),
      sumOfSingleChecksMs: perExpectation.reduce((sum, e) => sum + e.ms, 0),
      slowestChecks: perExpectation.slice(0, 12),
    };

    // 3. The staged rows: bronze read, cleaned, repaired, dates parsed (re-run into a probe table).
    const stageSql = sqlOf('stage: read bronze, clean, repair, parse dates')!;
    const stage = {
      inStageMs: msOf('stage: read bronze, clean, repair, parse dates'),
      again: await probe.profiled(stageSql.replace('CREATE OR REPLACE TEMP TABLE src AS', 'CREATE OR REPLACE TEMP TABLE __probe AS')),
      readBronzeOnlyMs: await probe.time(`CREATE OR REPLACE TEMP TABLE __probe AS SELECT * FROM ${CATALOG}.bronze.claims WHERE _run_id = '${runId}'`),
    };

    // 4. Silver: the typed batch, then the upsert on the business key (a MERGE, or since the change
    //    a delete of the batch's keys plus an append), against a plain INSERT into an empty copy.
    const batchSql = sqlOf('silver: typed batch of passing rows')!;
    const mergeSql = sqlOf('silver: merge on the business key');
    const silverName = `"${CATALOG}"."silver"."claims"`;
    const emptyCopy = `CREATE OR REPLACE TABLE ${CATALOG}.silver.claims_probe AS FROM ${CATALOG}.silver.claims LIMIT 0`;
    let mergeIntoEmptyCopy = null;
    if (mergeSql) {
      await catalog.execute(emptyCopy);
      mergeIntoEmptyCopy = await probe.profiled(mergeSql.replace(silverName, `"${CATALOG}"."silver"."claims_probe"`));
    }
    await catalog.execute(emptyCopy);
    const insertMs = await probe.time(`INSERT INTO ${CATALOG}.silver.claims_probe BY NAME SELECT * FROM silver_batch`);
    await catalog.execute(`DROP TABLE ${CATALOG}.silver.claims_probe`);
    const silver = {
      batchInStageMs: msOf('silver: typed batch of passing rows'),
      batchAgain: await probe.profiled(batchSql.replace('TEMP TABLE silver_batch AS', 'TEMP TABLE __probe AS')),
      ...(mergeSql ? { mergeInStageMs: msOf('silver: merge on the business key'), mergeIntoEmptyCopy } : {}),
      ...(sqlOf('silver: upsert, append the batch')
        ? { upsertInStageMs: { deleteKeys: msOf('silver: upsert, delete the keys the batch brings'), append: msOf('silver: upsert, append the batch') } }
        : {}),
      plainInsertIntoEmptyCopyMs: insertMs,
    };

    // 5. Gold: the slowest recompute, profiled.
    const recomputes = session.timings.filter((t) => t.step === 'gold: recompute affected groups from silver').sort((a, b) => b.ms - a.ms);
    const gold = {
      recomputeInStageMs: recomputes.map((t) => Math.round(t.ms)),
      slowestRecompute: recomputes[0] ? await probe.profiled(recomputes[0].sql!.replace(/TEMP TABLE "recomputed_[^"]+"/, 'TEMP TABLE __probe')) : null,
    };
    // 6. Memory: the process's RSS after each statement of the stage, where it grew most.
    let previous = session.timings[0]?.rssMiB ?? 0;
    const growth = session.timings.map((t) => {
      const grew = t.rssMiB - previous;
      previous = t.rssMiB;
      return { step: t.step, rssAfterMiB: t.rssMiB, grewMiB: grew };
    });
    const memory = {
      peakRssAfterAStatementMiB: Math.max(...session.timings.map((t) => t.rssMiB)),
      processPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      largestGrowth: growth.sort((a, b) => b.grewMiB - a.grewMiB).slice(0, 6),
    };
    await catalog.close();
    const loadAverage = { atStart: loadAtStart, atEnd: loadavg().map((value) => Math.round(value * 100) / 100) };
    return { date: new Date().toISOString(), loadAverage, rows, qualityMs: Math.round(qualityMs), summary, judge, stage, silver, gold, memory };
  } finally {
    await lakehouse.shutdown();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs statements on the session, timed, and optionally under DuckDB's JSON profiler. */
class Probe {
  #n = 0;
  constructor(
    private readonly catalog: TenantCatalog,
    private readonly dir: string,
  ) {}

  async time(sql: string): Promise<number> {
    const started = performance.now();
    await this.catalog.execute(sql);
    return Math.round(performance.now() - started);
  }

  /** Wall time, DuckDB's CPU time and the operators that took longest (operator time summed over threads). */
  async profiled(sql: string): Promise<{ ms: number; cpuSeconds: number; topOperators: Operator[] }> {
    const output = join(this.dir, `profile-${++this.#n}.json`);
    await this.catalog.execute(`PRAGMA enable_profiling = 'json'`);
    await this.catalog.execute(`PRAGMA profiling_output = '${output}'`);
    let ms: number;
    try {
      ms = await this.time(sql);
    } finally {
      await this.catalog.execute('PRAGMA disable_profiling');
    }
    const profile = JSON.parse(await readFile(output, 'utf8')) as ProfileNode;
    const operators: Operator[] = [];
    const walk = (node: ProfileNode) => {
      if (node.operator_name) {
        operators.push({ operator: node.operator_name, seconds: round3(node.operator_timing ?? 0), rows: node.operator_cardinality ?? 0, detail: detailOf(node) });
      }
      for (const child of node.children ?? []) walk(child);
    };
    walk(profile);
    operators.sort((a, b) => b.seconds - a.seconds);
    return { ms, cpuSeconds: round3(profile.cpu_time ?? 0), topOperators: operators.slice(0, 6) };
  }
}

interface ProfileNode {
  operator_name?: string;
  operator_timing?: number;
  operator_cardinality?: number;
  cpu_time?: number;
  extra_info?: Record<string, unknown>;
  children?: ProfileNode[];
}

function detailOf(node: ProfileNode): string | undefined {
  const info = node.extra_info ?? {};
  const keys = ['Join Type', 'Conditions', 'Aggregates', 'Groups', 'Table', 'Function', 'Estimated Cardinality'];
  const parts = keys.filter((key) => info[key] !== undefined).map((key) => `${key}: ${String(info[key]).replace(/\s+/g, ' ').slice(0, 160)}`);
  return parts.length ? parts.join('; ') : undefined;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/** `list(DISTINCT <mask>) FILTER (WHERE <failing>)` → the mask under a CASE on the same condition. */
function maskOnlyWhenFailing(item: string): string {
  const match = /^list_slice\(list\(DISTINCT (.*)\) FILTER \(WHERE (.*)\), 1, 5\) AS (s\d+)$/s.exec(item);
  if (!match) return item;
  const [, mask, condition, alias] = match;
  return `list_slice(list(DISTINCT CASE WHEN ${condition} THEN ${mask} END) FILTER (WHERE ${condition}), 1, 5) AS ${alias}`;
}

/** `list_slice(<shapes>, 1, 5) AS sN` → `list_sort(<shapes>) AS sN`: all of them, in order. */
function allShapesSorted(item: string): string {
  const match = /^list_slice\((.*), 1, 5\) AS (s\d+)$/s.exec(item);
  return match ? `list_sort(${match[1]}) AS ${match[2]}` : item;
}

/** The items of a statement's first top-level SELECT list. */
function selectList(sql: string): string[] {
  const start = topLevelIndexOf(sql, 'SELECT ') + 'SELECT '.length;
  const end = topLevelIndexOf(sql, ' FROM ', start);
  return splitTopLevel(sql.slice(start, end));
}

/** Index of `needle` outside parentheses, brackets and quotes, from `from`. */
function topLevelIndexOf(sql: string, needle: string, from = 0): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && i >= from && sql.startsWith(needle, i)) return i;
  }
  return -1;
}

function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(list.slice(start).trim());
  return items;
}

async function main(): Promise<void> {
  const result = await profilePipeline(Number(process.argv[2] ?? 1_000_000));
  const out = process.env['BENCH_OUT'] ?? resolve(__dirname, '../../../bench/pipeline/profile.json');
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (typeof require !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`profile failed: ${(error as Error).stack}\n`);
    process.exit(1);
  });
}
